// The print page works without this script (the browser's print command); with it, the "Afdrukken"
// button appears and opens the print dialog. A static file: the CSP allows no inline script.
document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
  knop.hidden = false;
  knop.addEventListener("click", function () {
    window.print();
  });
});
