// Follows an analysis run until it is done: polls its status URL and updates the progress bar.
// The translated status names come from the page's data-label-* attributes (no inline script: CSP).
(function () {
  var box = document.getElementById("run-status");
  if (!box) { return; }
  var bar = document.getElementById("run-progress");
  var state = document.getElementById("run-state");
  var labels = {
    queued: box.dataset.labelQueued,
    running: box.dataset.labelRunning,
    done: box.dataset.labelDone,
    failed: box.dataset.labelFailed
  };
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (s) {
      bar.value = s.progress; bar.textContent = s.progress + " %";
      state.textContent = (labels[s.status] || s.status) + " – " + s.progress + " %";
      if (s.status === "done") { document.getElementById("run-done").hidden = false; }
      else if (s.status === "failed") { state.textContent += " – " + s.error; }
      else { setTimeout(poll, 1500); }
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
