// The offers area's script.

// editor: the offer editor (issue 20). Rows are added and removed; typing a name or an article
// number asks the catalogue (`/offers/products?q=`, debounced) and a suggestion fills the line;
// the totals per VAT rate follow as one types (a preview: the server computes them on save).
// Without JS the form has a fixed number of empty rows and works the same.
(function () {
  "use strict";
  var form = document.getElementById("offer-form");
  if (!form) return;
  var lines = document.getElementById("offer-lines");
  var addBtn = document.getElementById("offer-add-line");
  var totalsBox = document.getElementById("offer-totals");
  var totalsList = document.getElementById("offer-totals-list");
  var locale = form.getAttribute("data-locale") || "en";
  var lang = form.getAttribute("data-lang") || "";

  function num(s) {
    s = String(s || "").replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
    if (!/^\d*\.?\d*$/.test(s) || s === "" || s === ".") return null;
    return parseFloat(s);
  }
  function money(v) {
    try { return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v); }
    catch (e) { return v.toFixed(2); }
  }
  function round2(v) { return Math.round((v + Number.EPSILON) * 100) / 100; }
  function rows() { return Array.prototype.slice.call(lines.querySelectorAll(".offer-line")); }
  function field(row, f) { return row.querySelector("[name^='" + f + "_']"); }
  function currency() { var c = document.getElementById("o-currency"); return c ? c.value : ""; }

  function recompute() {
    var byRate = {}, any = false;
    rows().forEach(function (row) {
      var q = num(field(row, "quantity").value), p = num(field(row, "unit_price").value);
      var d = num(field(row, "discount").value) || 0, r = num(field(row, "vat_rate").value);
      var out = row.querySelector("[data-total]");
      if (q === null || p === null || r === null) { out.textContent = ""; return; }
      var net = round2(q * p * (1 - d / 100));
      out.textContent = money(net) + "\u00a0" + currency();
      var k = String(r);
      byRate[k] = (byRate[k] || 0) + net;
      any = true;
    });
    totalsBox.hidden = !any;
    if (!any) return;
    totalsList.textContent = "";
    var netAll = 0, vatAll = 0;
    Object.keys(byRate).sort(function (a, b) { return parseFloat(a) - parseFloat(b); }).forEach(function (k) {
      var base = round2(byRate[k]), vat = round2(base * parseFloat(k) / 100);
      netAll += base; vatAll += vat;
      var dd = document.createElement("dd");
      dd.textContent = form.getAttribute("data-w-vat-row").replace("{rate}", k).replace("{base}", money(base)).replace("{vat}", money(vat));
      dd.style.gridColumn = "1 / -1"; dd.style.textAlign = "start";
      totalsList.appendChild(dd);
    });
    [[form.getAttribute("data-w-net"), netAll, ""], [form.getAttribute("data-w-gross"), netAll + vatAll, "offer-gross"]].forEach(function (x) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = x[0]; dd.textContent = money(round2(x[1])) + "\u00a0" + currency();
      if (x[2]) { dt.className = x[2]; dd.className = x[2]; }
      totalsList.appendChild(dt); totalsList.appendChild(dd);
    });
  }

  function fill(row, p) {
    field(row, "sku").value = p.sku;
    field(row, "name").value = p.name;
    field(row, "unit").value = p.unit || "";
    field(row, "unit_price").value = p.price;
    field(row, "vat_rate").value = p.vat_rate;
    var q = field(row, "quantity");
    if (!q.value) q.value = "1";
    var cur = document.getElementById("o-currency");
    if (cur && rows().filter(function (r) { return field(r, "name").value; }).length === 1) cur.value = p.currency;
    recompute();
  }

  function suggestFor(row, input) {
    var list = row.querySelector(".offer-suggest");
    var timer = null, seq = 0;
    function close() { list.hidden = true; list.textContent = ""; input.removeAttribute("aria-expanded"); }
    input.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        var url = form.getAttribute("data-suggest") + "?q=" + encodeURIComponent(text) + (lang ? "&lang=" + encodeURIComponent(lang) : "");
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (found) {
            if (mine !== seq) return;
            list.textContent = "";
            if (!found.length) { close(); return; }
            found.forEach(function (p) {
              var li = document.createElement("li");
              li.setAttribute("role", "option");
              li.setAttribute("dir", "auto");
              li.textContent = p.label;
              li.addEventListener("mousedown", function (e) { e.preventDefault(); fill(row, p); close(); });
              list.appendChild(li);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
          })
          .catch(close);
      }, 200);
    });
    input.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(list.querySelectorAll("li"));
      if (list.hidden || !items.length) return;
      var at = items.findIndex(function (li) { return li.getAttribute("aria-selected") === "true"; });
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (at >= 0) items[at].removeAttribute("aria-selected");
        at = e.key === "ArrowDown" ? (at + 1) % items.length : (at <= 0 ? items.length - 1 : at - 1);
        items[at].setAttribute("aria-selected", "true");
      } else if (e.key === "Enter" && at >= 0) {
        e.preventDefault();
        items[at].dispatchEvent(new MouseEvent("mousedown"));
      } else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function wire(row) {
    ["name", "sku"].forEach(function (f) { suggestFor(row, field(row, f)); });
    var rm = row.querySelector("[data-remove]");
    rm.hidden = false;
    rm.addEventListener("click", function () {
      if (rows().length > 1) row.parentNode.removeChild(row);
      else row.querySelectorAll("input, select").forEach(function (i) { i.value = ""; });
      recompute();
    });
    var avail = field(row, "availability"), on = row.querySelector(".offer-f-available_on");
    function showDate() { on.hidden = avail.value !== "on_order"; }
    avail.addEventListener("change", showDate);
    showDate();
  }

  var next = rows().reduce(function (m, r) { return Math.max(m, parseInt(r.getAttribute("data-row"), 10) + 1); }, 0);
  var template = rows()[rows().length - 1].cloneNode(true);
  rows().forEach(wire);
  addBtn.hidden = false;
  addBtn.addEventListener("click", function () {
    var n = next++;
    var row = template.cloneNode(true);
    row.setAttribute("data-row", n);
    row.id = "offer-line-" + n;
    row.querySelectorAll(".field-error").forEach(function (p) { p.parentNode.removeChild(p); });
    row.querySelectorAll(".invalid").forEach(function (f) { f.classList.remove("invalid"); });
    row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(/-\d+$/, "-" + n); });
    row.querySelectorAll("label[for]").forEach(function (el) { el.setAttribute("for", el.getAttribute("for").replace(/-\d+$/, "-" + n)); });
    row.querySelectorAll("[aria-controls]").forEach(function (el) { el.setAttribute("aria-controls", el.getAttribute("aria-controls").replace(/-\d+$/, "-" + n)); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby"); });
    row.querySelectorAll("input, select").forEach(function (el) { el.name = el.name.replace(/_\d+$/, "_" + n); el.value = ""; });
    var legend = row.querySelector("legend");
    var count = rows().length + 1;
    if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(count));
    row.querySelector("[data-total]").textContent = "";
    lines.insertBefore(row, addBtn.parentNode);
    wire(row);
    field(row, "name").focus();
  });
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  recompute();
})();
