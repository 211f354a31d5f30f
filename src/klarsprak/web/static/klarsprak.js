// klarsprak serve: the page works without this script (plain form posts); with it the result
// replaces itself in place, the chosen file stays selected for the downloads, and the category
// filter and Esc-to-close work. No external code.
(function () {
  "use strict";
  var form = document.getElementById("granska");
  var results = document.getElementById("resultat");
  if (!form || !results || !window.fetch) return;

  function setBusy(button, busy) {
    if (!button) return;
    button.setAttribute("aria-busy", busy ? "true" : "false");
    button.disabled = busy;
  }

  async function messageOf(response) {
    try {
      var data = await response.json();
      return data.error || ("Fel " + response.status);
    } catch (e) {
      return "Fel " + response.status;
    }
  }

  form.addEventListener("submit", async function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.dataset.download) return; // handled by the click handler below
    event.preventDefault();
    var button = document.getElementById("granska-knapp");
    setBusy(button, true);
    results.innerHTML = '<p>Granskar …</p>';
    var busy = document.getElementById("status");
    if (busy) busy.textContent = "Granskar …";
    try {
      var response = await fetch(form.action, { method: "POST", body: new FormData(form) });
      var html = await response.text();
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("resultat");
      results.innerHTML = fresh ? fresh.innerHTML : "<p class=\"error\" role=\"alert\">Svaret kunde inte visas.</p>";
      var count = results.querySelectorAll("li.finding").length;
      var status = document.getElementById("status");
      if (status && results.querySelector("#resultat-rubrik")) {
        status.textContent = "Granskningen är klar: " + count + " fynd.";
      } else if (status) {
        status.textContent = "";  // the error itself is an alert
      }
      results.focus();
    } catch (e) {
      results.innerHTML = '<p class="error" role="alert">Servern svarar inte. Är klarsprak serve igång?</p>';
    } finally {
      setBusy(button, false);
    }
  });

  document.addEventListener("click", async function (event) {
    var button = event.target.closest("button[data-download]");
    if (button) {
      event.preventDefault();
      var status = results.querySelector(".download-status");
      setBusy(button, true);
      if (status) status.textContent = "Skapar Word-filen …";
      try {
        var response = await fetch(button.getAttribute("formaction"), { method: "POST", body: new FormData(form) });
        if (!response.ok) {
          if (status) status.textContent = await messageOf(response);
          return;
        }
        var blob = await response.blob();
        var disposition = response.headers.get("Content-Disposition") || "";
        var match = /filename\*=UTF-8''([^;]+)/.exec(disposition) || /filename="([^"]+)"/.exec(disposition);
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = match ? decodeURIComponent(match[1]) : "granskad.docx";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        if (status) status.textContent = "Klart: " + link.download + " har laddats ner.";
      } catch (e) {
        if (status) status.textContent = "Servern svarar inte.";
      } finally {
        setBusy(button, false);
      }
      return;
    }
    var jump = event.target.closest("a[data-focus]");
    if (jump) {
      var mark = document.getElementById(jump.dataset.focus);
      if (mark) {
        event.preventDefault();
        mark.scrollIntoView({ block: "center" });
        mark.focus();
      }
    }
  });

  // The category filter: hide a category's findings and its highlights.
  document.addEventListener("change", function (event) {
    var box = event.target.closest("input[data-category]");
    if (!box) return;
    var shown = {};
    results.querySelectorAll("input[data-category]").forEach(function (b) { shown[b.dataset.category] = b.checked; });
    results.querySelectorAll("li.finding").forEach(function (li) { li.hidden = !shown[li.dataset.category]; });
    results.querySelectorAll("mark.hl").forEach(function (mark) {
      var visible = mark.dataset.categories.split(" ").some(function (c) { return shown[c]; });
      mark.classList.toggle("filtered", !visible);
      mark.tabIndex = visible ? 0 : -1;
    });
  });

  // Esc closes an open explanation (WCAG 1.4.13); it opens again on the next focus or hover.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var mark = document.activeElement && document.activeElement.closest("mark.hl");
    if (mark) mark.classList.add("tip-closed");
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    results.querySelectorAll("li.finding.active").forEach(function (li) { li.classList.remove("active"); });
    if (!mark) return;
    mark.classList.remove("tip-closed");
    (mark.getAttribute("aria-describedby") || "").split(" ").forEach(function (id) {
      var li = document.getElementById(id);
      if (li) li.classList.add("active");
    });
  });
  document.addEventListener("mouseover", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark) mark.classList.remove("tip-closed");
  });
})();
