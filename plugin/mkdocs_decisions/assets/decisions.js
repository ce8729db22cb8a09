/* mkdocs-decisions: filtering and sorting of index tables, and the copy
   button of handbook templates.
   Plain JavaScript, no dependencies, nothing fetched: it works offline and
   from file://. Without JavaScript the tables are complete and the filter
   form stays hidden. */
(function () {
  "use strict";

  function setup(index) {
    var form = index.querySelector("[data-decisions-filters]");
    var rows = Array.prototype.slice.call(index.querySelectorAll("tbody tr"));
    var groups = Array.prototype.slice.call(index.querySelectorAll("[data-decisions-group]"));
    var empty = index.querySelector("[data-decisions-empty]");
    var total = index.querySelector("[data-decisions-total]");
    var counts = Array.prototype.slice.call(index.querySelectorAll(".decisions-count"));
    if (!form) return;
    form.hidden = false;

    function value(name) {
      return form.querySelector('[data-filter="' + name + '"]').value;
    }

    function apply() {
      var status = value("status");
      var tag = value("tag");
      var state = form.querySelector('[data-filter="state"]') ? value("state") : "";
      var source = form.querySelector('[data-filter="source"]') ? value("source") : "";
      var words = value("text").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      var perStatus = {};
      rows.forEach(function (row) {
        var text = row.getAttribute("data-text");
        var tags = row.getAttribute("data-tags").split("\n");
        var visible = (!status || row.getAttribute("data-status") === status) &&
          (!tag || tags.indexOf(tag) >= 0) &&
          (!state || row.getAttribute("data-state") === state) &&
          (!source || row.getAttribute("data-source") === source) &&
          words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !visible;
        if (visible) {
          shown += 1;
          perStatus[row.getAttribute("data-status")] = (perStatus[row.getAttribute("data-status")] || 0) + 1;
        }
      });
      groups.forEach(function (group) {
        var visibleRows = group.querySelectorAll("tbody tr:not([hidden])").length;
        group.hidden = visibleRows === 0;
        var count = group.querySelector(".decisions-group-count");
        if (count) count.textContent = "(" + visibleRows + ")";
      });
      if (total) total.textContent = String(shown);
      counts.forEach(function (count) {
        var n = perStatus[count.getAttribute("data-status")] || 0;
        count.querySelector("[data-decisions-count]").textContent = String(n);
        count.hidden = n === 0;
      });
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

    index.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var header = button.parentElement;
        var table = header.closest("table");
        var key = button.getAttribute("data-sort");
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = sortValue(a, key);
          var y = sortValue(b, key);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (order === 0) order = a.getAttribute("data-id") < b.getAttribute("data-id") ? -1 : 1;
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function sortValue(row, key) {
    if (key === "id") return row.getAttribute("data-id");
    if (key === "date") return row.getAttribute("data-date");
    if (key === "status") return row.getAttribute("data-status");
    if (key === "review") return row.getAttribute("data-review") || "\uffff";
    if (key === "source") return row.getAttribute("data-source");
    if (key === "owner") return row.getAttribute("data-owner").toLowerCase();
    return row.cells[1].textContent.trim().toLowerCase();
  }

  function copyButton(figure) {
    var button = figure.querySelector("[data-decisions-copy]");
    var code = figure.querySelector("code");
    if (!button || !code) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = code.textContent;
      var done = function () {
        button.textContent = "Copied";
        window.setTimeout(function () { button.textContent = "Copy template"; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else {
        fallbackCopy(text);
        done();
      }
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (error) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function start() {
    document.querySelectorAll("[data-decisions-index]").forEach(setup);
    document.querySelectorAll("[data-decisions-template]").forEach(copyButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
