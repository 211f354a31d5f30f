/* Sortable tables: every column header holds a button (Tab to it, Enter or Space sorts).
   Numbers sort by the cell's data-sort value; the state is in aria-sort and read out. */
(function () {
  "use strict";
  var live = document.getElementById("sort-status");
  function value(cell) {
    if (!cell) return "";
    var raw = cell.getAttribute("data-sort");
    return raw !== null ? raw : cell.textContent.trim();
  }
  function compare(a, b, numeric) {
    if (numeric) {
      var x = parseFloat(a), y = parseFloat(b);
      if (isNaN(x)) x = -Infinity;
      if (isNaN(y)) y = -Infinity;
      return x - y;
    }
    return a.localeCompare(b, "sv");
  }
  function sortBy(table, th, index) {
    var body = table.tBodies[0];
    var numeric = th.getAttribute("data-type") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-order", String(i)); });
    rows.sort(function (r1, r2) {
      var c = compare(value(r1.cells[index]), value(r2.cells[index]), numeric);
      if (c === 0) c = parseInt(r1.getAttribute("data-order"), 10) - parseInt(r2.getAttribute("data-order"), 10);
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    if (live) {
      live.textContent = "Tabellen " + (table.caption ? table.caption.textContent : "") + " sorteras efter " +
        th.textContent.replace(/[↕↑↓]/g, "").trim() + ", " + (ascending ? "stigande" : "fallande") + ".";
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var label = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.setAttribute("title", "Sortera efter " + label.toLowerCase());
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  });
})();
