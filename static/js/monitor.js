// Verzuimmonitor: draws the monthly trend with Chart.js from the json_script data on the page
// (templates/thuiszitters/monitor.html). No inline script (CSP); the same figures are in the table below
// the chart, so the page is complete without JavaScript. A hidden figure ("<5", "x") is null: a gap.
(function () {
  "use strict";

  function teken() {
    var bron = document.getElementById("monitor-trend-data");
    var canvas = document.getElementById("monitor-trend-grafiek");
    if (!bron || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(bron.textContent);
    var kleuren = ["#01689b", "#e17000"];
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", teken);
  } else {
    teken();
  }
})();
