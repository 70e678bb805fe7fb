// OOGO data pack: draws each subject's bar chart with Chart.js from the json_script data next to its canvas
// (templates/oogo/datapakket.html). No inline script (CSP); the same figures are in the table under every
// chart, so the page is complete without JavaScript. A hidden figure ("<5", "x") is null: a gap.
(function () {
  "use strict";

  var kleuren = ["#01689b", "#e17000", "#39870c", "#a90061", "#8fcae7"];

  function teken() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var canvassen = document.querySelectorAll("canvas[data-grafiek-bron]");
    Array.prototype.forEach.call(canvassen, function (canvas) {
      var bron = document.getElementById(canvas.getAttribute("data-grafiek-bron"));
      if (!bron) {
        return;
      }
      var data = JSON.parse(bron.textContent);
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.reeksen.map(function (reeks, i) {
            return { label: reeks.label, data: reeks.waarden, backgroundColor: kleuren[i % kleuren.length] };
          })
        },
        options: {
          animation: false,
          responsive: true,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", teken);
  } else {
    teken();
  }
})();
