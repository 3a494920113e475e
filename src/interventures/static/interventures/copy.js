// A "copy" button for a field the user should keep (a resume link): shown only where the browser can
// copy, it copies the field's text and says so.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.dataset.copy);
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var status = button.parentElement.querySelector(".copy-status");
        if (status) { status.textContent = button.dataset.copied; }
      }, function () { field.select(); });
    });
  });
})();
