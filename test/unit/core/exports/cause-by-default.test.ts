/** A no-show nothing gives the cause of is patient-caused by the SPEC's default, and the notes say how many were. */
import { parseCsv } from "../../../../src/core/csv";
import { readAppointmentLog } from "../../../../src/core/inputs/appointments";
import { describeInference } from "../../../../src/core/exports/inferred";

test("no-shows with no cause, counted patient-caused, are counted in the notes", () => {
  const t = parseCsv(
    "date,status,reason\n2026-01-05,no_show,video link failed\n2026-01-06,no_show,\n2026-01-07,late cancel,car trouble\n2026-01-08,completed,\n2026-01-09,cancelled,\n",
    "log.csv"
  );
  const log = readAppointmentLog(t);
  // Row 2: system from its reason; rows 3 and 4: nothing says system, so patient by default. The cancel with notice is no no-show.
  expect(log.appointments.map((a) => a.causeType)).toEqual(["system", "patient", "patient", "patient", "patient"]);
  expect(log.inferred.causeByDefault).toBe(2);
  expect(describeInference(log.inferred).join("\n")).toMatch(/^2 no-shows with no cause given and no system word in their status or reason counted as patient-caused/m);
});

test("a log with a cause_type column says the cause, a blank cell meaning patient (SPEC §2): nothing is defaulted", () => {
  const t = parseCsv("date,status,cause_type\n2026-01-05,no_show,patient\n2026-01-06,no_show,system\n2026-01-07,no_show,\n", "log.csv");
  expect(readAppointmentLog(t).inferred.causeByDefault).toBe(0);
});
