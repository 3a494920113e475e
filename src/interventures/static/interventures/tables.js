// Wide tables on a phone: each table scrolls sideways in its own container, which says so.
// A table that fits shows nothing extra; one that does not gets shadows at the hidden edges and a
// line of text above it (the text comes from the page, in its language), and its container can be
// focused and scrolled with the keyboard (WCAG 2.1.1).
(function () {
  "use strict";
  var hint = document.body.getAttribute("data-scroll-hint") || "";

  function wrap(table) {
    var parent = table.parentElement;
    if (parent && parent.classList.contains("table-wrap")) { return parent; }
    var box = document.createElement("div");
    box.className = "table-wrap";
    parent.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  function update(box) {
    var scrollable = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("is-scrollable", scrollable);
    var note = box.previousElementSibling;
    var hasNote = note && note.classList.contains("scroll-hint");
    if (scrollable) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " – " : "") + hint);
      if (!hasNote && hint) {
        note = document.createElement("p");
        note.className = "scroll-hint";
        note.setAttribute("aria-hidden", "true");
        note.textContent = hint;
        box.parentElement.insertBefore(note, box);
      }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      if (hasNote) { note.remove(); }
    }
  }

  var boxes = Array.prototype.map.call(document.querySelectorAll("main table"), wrap);
  function all() { boxes.forEach(update); }
  all();
  window.addEventListener("resize", all);
})();
