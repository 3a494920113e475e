// Renders every Vega-Lite figure on the page from its JSON spec (no network: vendored vega-embed; no
// eval: see below).
// Category labels wrap onto several lines instead of being cut off, and on a narrow screen they
// get at most 40 % of the figure's width, so that bars still have room on a 375 px phone; legends
// then stack in one column.
(function () {
  var CHAR_PX = 7; // about the width of one character of a 12 px DejaVu Sans label
  var LINE_PX = 15;
  var NARROW_PX = 600;

  function wrapLabel(text, maxChars) {
    var words = String(text).split(/\s+/);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > maxChars) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) { lines.push(line); }
    return lines.length > 1 ? lines : String(text);
  }

  function inlineValues(spec, field) {
    var values = [];
    function collect(rows) {
      (rows || []).forEach(function (row) { if (row && row[field] != null) { values.push(String(row[field])); } });
    }
    Object.keys(spec.datasets || {}).forEach(function (name) { collect(spec.datasets[name]); });
    (function walk(node) {
      if (!node || typeof node !== "object") { return; }
      if (node.data && Array.isArray(node.data.values)) { collect(node.data.values); }
      ["layer", "hconcat", "vconcat", "concat"].forEach(function (key) { (node[key] || []).forEach(walk); });
      if (node.spec) { walk(node.spec); }
    })(spec);
    return values;
  }

  function categoryAxes(node, found) {
    if (!node || typeof node !== "object") { return found; }
    var y = node.encoding && node.encoding.y;
    if (y && y.type === "nominal" && y.field && y.axis !== null) { found.push(y); }
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (key) {
      (node[key] || []).forEach(function (child) { categoryAxes(child, found); });
    });
    if (node.spec) { categoryAxes(node.spec, found); }
    return found;
  }

  function legends(node, found) {
    if (!node || typeof node !== "object") { return found; }
    var enc = node.encoding || {};
    ["color", "fill", "shape"].forEach(function (channel) {
      if (enc[channel] && enc[channel].legend !== null) { found.push(enc[channel]); }
    });
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (key) {
      (node[key] || []).forEach(function (child) { legends(child, found); });
    });
    return found;
  }

  // The spec, adapted to a figure `width` pixels wide.
  function adapt(spec, width) {
    var narrow = width > 0 && width < NARROW_PX;
    var lines = 1;
    categoryAxes(spec, []).forEach(function (y) {
      y.axis = y.axis || {};
      var limit = y.axis.labelLimit || 180;
      if (narrow) { limit = Math.min(limit, Math.max(90, Math.round(width * 0.4))); }
      var maxChars = Math.max(8, Math.floor(limit / CHAR_PX));
      y.axis.labelLimit = limit;
      y.axis.labelExpr = "ivWrap(datum.label, " + maxChars + ")";
      inlineValues(spec, y.field).forEach(function (value) {
        var wrapped = wrapLabel(value, maxChars);
        lines = Math.max(lines, Array.isArray(wrapped) ? wrapped.length : 1);
      });
    });
    if (lines > 1 && spec.height === undefined && !(spec.encoding && spec.encoding.yOffset)) {
      spec.height = { step: lines * LINE_PX + 6 };
    }
    if (narrow) {
      legends(spec, []).forEach(function (channel) {
        channel.legend = Object.assign({}, channel.legend || {}, { orient: "bottom", direction: "vertical", columns: 1 });
        channel.legend.labelLimit = Math.max(120, width - 40);
      });
      spec.config = spec.config || {};
      spec.config.axisX = Object.assign({ labelOverlap: true, tickCount: 5 }, spec.config.axisX || {});
    }
    return spec;
  }

  if (window.vega && window.vega.expressionFunction) {
    window.vega.expressionFunction("ivWrap", wrapLabel);
  }

  window.ivCharts = { adapt: adapt, wrapLabel: wrapLabel };

  document.querySelectorAll("script[type='application/json'][data-chart-for]").forEach(function (node) {
    var target = document.getElementById(node.dataset.chartFor);
    if (!target || !window.vegaEmbed) { return; }
    var spec = adapt(JSON.parse(node.textContent), target.clientWidth);
    // The page's CSP allows neither eval nor inline styles: ast: true makes vega-embed evaluate
    // expressions with its bundled interpreter instead of compiling them with the Function constructor,
    // and its default styles (and the tooltip's) come from vendor/vega/vega-embed.css, not a <style>.
    var options = {
      actions: false, renderer: "svg", ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }
    };
    // Numbers on the axes in the page's language (the same locale as on paper: web/charts.py).
    if (target.dataset.formatLocale) { options.formatLocale = JSON.parse(target.dataset.formatLocale); }
    window.vegaEmbed(target, spec, options).catch(function () {
      target.setAttribute("data-chart-error", "1");
    });
  });
})();
