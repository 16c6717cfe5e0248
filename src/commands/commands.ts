/**
 * Ribbon actions (xsi:type="ExecuteFunction" in manifest.xml), registered at load so Office finds
 * them as soon as the runtime page runs. The manifest names none today: its Home-tab button is a
 * ShowTaskpane action, which Office carries out without any code. An ExecuteFunction added to the
 * manifest gets its function here, under the same name; test/browser/taskpane.test.ts checks that
 * the two lists agree, so neither a dead registration nor a button without code can creep in.
 *
 * The manifest's FunctionFile is the shared runtime's page (taskpane.html), so the pane imports
 * this module; commands.html keeps its own entry for hosts that would load a function file alone.
 */

export type CommandAction = (event: Office.AddinCommands.Event) => Promise<void>;

export const COMMAND_ACTIONS: Readonly<Record<string, CommandAction>> = {};

export function registerCommands(): void {
  const names = Object.keys(COMMAND_ACTIONS);
  if (names.length === 0 || typeof Office === "undefined") return;
  for (const name of names) Office.actions.associate(name, COMMAND_ACTIONS[name]);
}

registerCommands();

// Office.js finishes initialising a page only once it calls onReady; commands.html has no other
// code to do so (the pane page calls it too, which Office allows).
if (typeof Office !== "undefined") void Office.onReady();
