// Saves every answer the moment it is given, so closing the tab or losing the connection loses
// nothing. Without JavaScript the page's "Save and continue" button saves the same answers.
(function () {
  "use strict";
  var form = document.getElementById("step-form");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.autosaveUrl;
  var texts = JSON.parse(document.getElementById("autosave-texts").textContent);
  var token = form.querySelector("input[name='csrfmiddlewaretoken']").value;

  function status(name, text) {
    var node = form.querySelector("[data-status-for='" + name + "']");
    if (node) { node.textContent = text; }
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[type='radio'][data-autosave]")) { return; }
    var body = new URLSearchParams();
    body.append("item", input.name);
    body.append("value", input.value);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token }
    }).then(function (response) {
      status(input.name, response.ok ? texts.saved : texts.failed);
    }).catch(function () {
      status(input.name, texts.failed);
    });
  });
})();
