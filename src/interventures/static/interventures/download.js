// Documents that take a moment to make (a PDF, a DOCX): the link says it is being prepared, cannot be
// tapped twice, and says when the file is ready. Without JavaScript the link works as a plain link.
(function () {
  "use strict";
  var status = document.createElement("span");
  status.className = "download-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  function filename(response, link) {
    var disposition = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(disposition);
    return match ? match[1] : (link.getAttribute("download") || "document");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-preparing]") : null;
    if (!link || !window.fetch || !window.URL || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") { return; }  // a second tap while it is made
    link.setAttribute("aria-disabled", "true");
    link.classList.add("is-preparing");
    link.insertAdjacentElement("afterend", status);
    status.textContent = link.dataset.preparing;
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.blob().then(function (blob) { return { blob: blob, name: filename(response, link) }; });
      })
      .then(function (file) {
        var url = URL.createObjectURL(file.blob);
        var save = document.createElement("a");
        save.href = url;
        save.download = file.name;
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        status.textContent = link.dataset.ready || "";
      })
      .catch(function () { window.location.href = link.href; })  // let the browser show what went wrong
      .then(function () {
        link.removeAttribute("aria-disabled");
        link.classList.remove("is-preparing");
      });
  });
})();
