/* Draws every chart on the page from its json_script data, and wires the print button. No inline script. */
(function () {
  "use strict";

  var config = { displaylogo: false, responsive: true };
  var smallConfig = { displaylogo: false, responsive: true, staticPlot: true };

  function draw(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source || typeof Plotly === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var small = element.closest(".chart-small") !== null;
    Plotly.newPlot(element, spec.data, spec.layout, small ? smallConfig : config);
  }

  function resizeAll() {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      if (element.classList.contains("js-plotly-plot")) {
        Plotly.Plots.resize(element);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
    // Charts fit the paper width when printed, and the screen again afterwards.
    window.addEventListener("beforeprint", resizeAll);
    window.addEventListener("afterprint", resizeAll);
  });
})();
