/**
 * The deal sheet's only script, inlined: it moves the list of deals (written
 * last, so the page streams) to the top, where the Tab key meets it first,
 * and adds keys to move between deals: `j` or `n` for the next, `k` or `p`
 * for the previous (focus moves to the deal, and the address keeps its
 * anchor). Without scripts the page reads the same, with the list at the end.
 * A plain ES2017 string, since it runs as it is in the page.
 */
export const sheetScript = `
(function () {
  "use strict";
  var nav = document.getElementById("deal-index");
  var slot = document.getElementById("deal-index-slot");
  if (nav && slot) slot.parentNode.replaceChild(nav, slot);
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.deal"));
  if (sections.length === 0) return;
  function currentIndex() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("section.deal") : null;
    var i = sections.indexOf(active);
    if (i >= 0) return i;
    for (i = sections.length - 1; i >= 0; i--) {
      if (sections[i].getBoundingClientRect().top <= 8) return i;
    }
    return -1;
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var step = event.key === "j" || event.key === "n" ? 1 : event.key === "k" || event.key === "p" ? -1 : 0;
    if (step === 0) return;
    var next = Math.min(sections.length - 1, Math.max(0, currentIndex() + step));
    var section = sections[next];
    section.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
    if (history.replaceState) history.replaceState(null, "", "#" + section.id);
    event.preventDefault();
  });
})();
`;
