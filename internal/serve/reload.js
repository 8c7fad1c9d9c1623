// letterpress preview: reloads the page after each successful rebuild, at
// the same scroll position, and shows build errors over the page. Only the
// preview server adds this script; published sites never contain it.
(function () {
  "use strict";
  var key = "letterpress-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }

  var overlay = null;
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function showErrors(lines) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "letterpress-errors";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "letterpress-errors-title");
    var s = overlay.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "rgba(20,20,20,0.94)"; s.color = "#fff"; s.padding = "1.5rem";
    s.font = "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var h = document.createElement("h2");
    h.id = "letterpress-errors-title";
    h.textContent = "The site did not build: fix these and save again";
    h.style.font = "bold 18px/1.3 system-ui, sans-serif"; h.style.margin = "0 0 1rem"; h.style.color = "#ffdd00";
    var list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap"; list.style.margin = "0"; list.style.font = "inherit";
    list.textContent = lines.join("\n");
    var note = document.createElement("p");
    note.textContent = "The preview keeps showing the last good version underneath. This message goes when the errors are fixed.";
    note.style.font = "15px/1.5 system-ui, sans-serif"; note.style.margin = "1rem 0";
    var close = document.createElement("button");
    close.type = "button"; close.textContent = "Hide";
    close.addEventListener("click", hideErrors);
    overlay.append(h, list, note, close);
    document.body.appendChild(overlay);
    close.focus();
  }

  var events = new EventSource("/_letterpress/events");
  var version = null;
  events.addEventListener("state", function (e) {
    var st = JSON.parse(e.data);
    if (st.errors && st.errors.length) { showErrors(st.errors); return; }
    hideErrors();
    if (version !== null && st.version !== version) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
      return;
    }
    version = st.version;
  });
})();
