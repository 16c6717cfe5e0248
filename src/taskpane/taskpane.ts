/* Placeholder pane: proves the page and Office.js load in the shared runtime. The real pane
 * replaces this file. */

Office.onReady((info) => {
  const status = document.getElementById("status");
  if (!status) return;
  // Opened in a plain browser (no host) the buttons could not work, so say how to get a real pane.
  status.textContent = info.host
    ? "Ready. Type =CLINPAY. in a cell to see the functions."
    : "Open ClinPay from Excel's Home tab to use it.";
});

export {};
