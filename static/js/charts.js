/* Draws every chart on the page from its json_script data, and wires the print button. No inline script. */
(function () {
  "use strict";

  var config = { displaylogo: false, responsive: true };
  var smallConfig = { displaylogo: false, responsive: true, staticPlot: true };

  // The layout every chart of the page shares, sent once (json_script "chart-layout"); each chart's spec
  // holds only its own part (its quarters, its unit), merged in here.
  function merge(shared, own) {
    Object.keys(own || {}).forEach(function (key) {
      var mine = own[key];
      var theirs = shared[key];
      if (mine && theirs && typeof mine === "object" && typeof theirs === "object" && !Array.isArray(mine)) {
        merge(theirs, mine);
      } else {
        shared[key] = mine;
      }
    });
    return shared;
  }

  function pageLayout() {
    var source = document.getElementById("chart-layout");
    var spec = source ? JSON.parse(source.textContent) : null;
    return (spec && spec.layout) || {};
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source || typeof Plotly === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var small = element.closest(".chart-small") !== null;
    var layout = merge(pageLayout(), spec.layout); // a fresh copy each time: plotly keeps the object
    Plotly.newPlot(element, spec.data, layout, small ? smallConfig : config);
  }

  function resizeAll() {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      if (element.classList.contains("js-plotly-plot")) {
        Plotly.Plots.resize(element);
      }
    });
  }

  // A table wider than the screen scrolls sideways; make it reachable by keyboard, with a name.
  function scrollableTables() {
    document.querySelectorAll(".table-scroll").forEach(function (region) {
      var caption = region.querySelector("caption");
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        if (caption) {
          region.setAttribute("aria-label", caption.textContent.trim());
        }
      } else {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
    document.querySelectorAll("details").forEach(function (details) {
      details.addEventListener("toggle", scrollableTables);
    });
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
