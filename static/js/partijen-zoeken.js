// Live filter for the parties of an agreement (templates/partners/_partijen_zoeken.html). Without this
// script the "Zoeken" button posts the form back and the server narrows the list; with it, the list
// narrows while typing and the button is not needed. Checked parties always stay visible. A static file:
// the CSP allows no inline script.
document.querySelectorAll("[data-partijen-zoeken]").forEach(function (blok) {
  var lijst = document.getElementById(blok.dataset.partijenZoeken);
  var veld = blok.querySelector("input[type=search]");
  var knop = blok.querySelector("[data-partijen-zoekknop]");
  var status = blok.querySelector("[data-partijen-status]");
  if (!lijst || !veld) {
    return;
  }
  if (knop) {
    // Removed, not hidden: a hidden first submit button would still answer Enter in the other fields.
    knop.remove();
  }
  var vakken = Array.prototype.slice.call(lijst.querySelectorAll("input[type=checkbox]"));
  var timer = null;

  function filter() {
    var woorden = veld.value.toLowerCase().split(/\s+/).filter(Boolean);
    var getoond = 0;
    vakken.forEach(function (vak) {
      var item = vak.closest("label") ? vak.closest("label").parentElement : vak.parentElement;
      var tekst = item.textContent.toLowerCase();
      var zichtbaar = vak.checked || woorden.every(function (w) { return tekst.indexOf(w) !== -1; });
      item.hidden = !zichtbaar;
      if (zichtbaar) {
        getoond += 1;
      }
    });
    if (status) {
      // Announced after a pause in typing, not on every key.
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = woorden.length
          ? (status.dataset.tekst || "")
              .replace("{getoond}", getoond)
              .replace("{totaal}", vakken.length)
          : "";
      }, 400);
    }
  }

  veld.addEventListener("input", filter);
  veld.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault(); // filtering is live: Enter must not save the form
      filter();
    }
  });
  filter();
});
