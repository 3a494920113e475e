// Renders every Vega-Lite figure on the page from its JSON spec (no network: vendored vega-embed).
document.querySelectorAll("script[type='application/json'][data-chart-for]").forEach(function (node) {
  var target = document.getElementById(node.dataset.chartFor);
  if (!target || !window.vegaEmbed) { return; }
  window.vegaEmbed(target, JSON.parse(node.textContent), { actions: false, renderer: "svg" }).catch(function () {
    target.setAttribute("data-chart-error", "1");
  });
});
