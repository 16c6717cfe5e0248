/* Ribbon commands (xsi:type="ExecuteFunction" buttons). None is on the ribbon yet; this keeps the
 * registration pattern in one place for when one is. */

Office.onReady(() => {
  // Nothing to initialise: actions are associated below, at load, so Office finds them as soon as
  // the page runs, even before onReady fires.
});

/** Opens the pane from a command (e.g. a future context-menu entry). */
async function showPane(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    // Office shows a spinner on the button until the command says it is done, even on failure.
    event.completed();
  }
}

Office.actions.associate("showPane", showPane);

export {};
