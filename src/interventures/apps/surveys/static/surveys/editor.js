/* The questionnaire editor: small enhancements; every action also works without JavaScript. */
(function () {
  "use strict";
  // Ask before removing a question (the server refuses removals that break skip logic anyway).
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
  // Errors: move the keyboard focus to the summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // After a move, the focus stays on the button just used (for browsers that ignore autofocus).
  var moved = document.querySelector("button[autofocus]");
  if (moved && !summary && document.activeElement !== moved) moved.focus();
  // Adding a question: show the choices part only for select types, the new-choice areas only
  // when no existing list is chosen.
  var type = document.getElementById("id_type");
  var part = document.getElementById("choices-part");
  var list = document.getElementById("id_list_name");
  var fresh = document.getElementById("new-choices");
  function sync() {
    if (type && part) part.hidden = part.dataset.forTypes.split(" ").indexOf(type.value) < 0;
    if (list && fresh) fresh.hidden = list.value !== "";
  }
  if (type) type.addEventListener("change", sync);
  if (list) list.addEventListener("change", sync);
  sync();
})();
