/**
 * Environment problems: the machine, not the input, is in the way (a folder where a file should
 * be, no permission, a full disk). The CLI says so in one plain sentence that names the path and
 * what to do, and exits 1; input problems are InputError (exit 2).
 */
import * as fs from "fs";
import * as path from "path";
import { notAFile } from "../render/xlsx/atomic-file";

export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** The sentence for an error writing `target`; `kind` says whether a workbook or a folder was meant. */
export function writeProblem(e: unknown, target: string, kind: "file" | "folder" = "file"): EnvironmentError {
  const where = path.dirname(path.resolve(target));
  switch (codeOf(e)) {
    case "EISDIR":
      return new EnvironmentError(`cannot write ${target}: it is a folder; give a file name such as ${path.join(target, "clinpay.xlsx")}`);
    case "ENOTDIR":
    case "EEXIST":
      return new EnvironmentError(
        kind === "folder"
          ? `cannot write into ${target}: it (or a folder above it) is a file, not a folder; give a folder name such as out`
          : `cannot write ${target}: a part of that path is a file, not a folder; choose another folder`
      );
    case "EACCES":
    case "EPERM":
      return new EnvironmentError(`cannot write ${target}: permission denied in ${where}; choose a folder you can write to`);
    case "EROFS":
      return new EnvironmentError(`cannot write ${target}: ${where} is on a read-only disk; choose another folder`);
    case "ENOSPC":
    case "EDQUOT":
      return new EnvironmentError(`cannot write ${target}: the disk is full; free some space and run it again (nothing was written)`);
    case "ENOENT":
      return new EnvironmentError(`cannot write ${target}: the folder ${where} does not exist and cannot be made there; choose another folder`);
    case "ENOTFILE":
      return new EnvironmentError(`cannot write ${target}: it is ${notAFileIn(e)}, not a file, and ClinPay does not replace it; give a file name such as ${path.join(where, "clinpay.xlsx")}`);
    case "ETEMPGONE":
      return new EnvironmentError(
        `cannot write ${target}: the temporary file ClinPay was writing beside it was removed (by another program, or by another computer sharing ${where}); nothing was written: run it again`
      );
    case "ENAMETOOLONG":
      return new EnvironmentError(`cannot write ${target}: the name is too long; choose a shorter one`);
    default:
      return new EnvironmentError(`cannot write ${target} (${codeOf(e) ?? (e instanceof Error ? e.message : String(e))}); check the folder and run it again`);
  }
}

/** "a named pipe (FIFO)" from an ENOTFILE error's message ("… is a named pipe (FIFO)"). */
function notAFileIn(e: unknown): string {
  return /\bis (.+)$/.exec((e as Error | undefined)?.message ?? "")?.[1] ?? "not a regular file";
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/**
 * Before any input is read: the output names a file that can be written (not a folder, not
 * under a file, in a folder this user may write). The write itself can still fail (a full
 * disk); writeProblem says that one.
 */
export function checkWritableFile(out: string): void {
  const st = statOrNull(out);
  if (st?.isDirectory()) throw writeProblem({ code: "EISDIR" }, out);
  const kind = st && notAFile(st);
  if (kind) throw writeProblem(Object.assign(new Error(`${out} is ${kind}`), { code: "ENOTFILE" }), out);
  checkAncestors(out, "file");
}

/** Before writing: the folder is a folder, or can be made. */
export function checkWritableFolder(dir: string): void {
  const st = statOrNull(dir);
  if (st && !st.isDirectory()) throw writeProblem({ code: "ENOTDIR" }, dir, "folder");
  if (st) return checkAccess(dir, dir);
  checkAncestors(dir, "folder");
}

/** The nearest existing folder above `p` must be a folder we may write in. */
function checkAncestors(p: string, kind: "file" | "folder"): void {
  let up = path.dirname(path.resolve(p));
  for (;;) {
    const st = statOrNull(up);
    if (st) {
      if (!st.isDirectory()) throw writeProblem({ code: "ENOTDIR" }, p, kind);
      return checkAccess(up, p);
    }
    const parent = path.dirname(up);
    if (parent === up) return;
    up = parent;
  }
}

function checkAccess(dir: string, target: string): void {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw writeProblem(e, target);
  }
}

/** True when `a` and `b` are one file on disk (same path, a link, or a hard link). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}
