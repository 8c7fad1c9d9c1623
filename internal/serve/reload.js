// letterpress preview: keeps the page showing the site's current build, at
// the same scroll position, and shows build errors over the page. Only the
// preview server adds this script; published sites never contain it.
//
// The server labels every page with the build it comes from (data-build
// on this script's tag) and tells open pages the current build as soon as
// they connect, and after each build. A page whose build is not the
// current one reloads, whenever it learns it: so a page opened or
// reloaded while the site had errors, or while a build ran, or before the
// server restarted, shows the site as it is once the errors are fixed.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-build") : null; // this page's build
  var key = "letterpress-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }
  // The build a reload was for: if the page it gave is older still
  // (something between the browser and the server kept a copy), do not
  // reload again for it.
  var wantKey = "letterpress-reload-for:" + location.pathname;
  var wanted = sessionStorage.getItem(wantKey);
  sessionStorage.removeItem(wantKey);

  var overlay = null;
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function pre(lines, color) {
    var p = document.createElement("pre");
    p.style.whiteSpace = "pre-wrap"; p.style.margin = "0"; p.style.font = "inherit"; p.style.color = color;
    p.textContent = lines.join("\n");
    return p;
  }
  function para(text, color) {
    var p = document.createElement("p");
    p.textContent = text;
    p.style.font = "15px/1.5 system-ui, sans-serif"; p.style.margin = "1rem 0"; p.style.color = color;
    return p;
  }
  // Errors stop the build: they are what to fix. Warnings do not: those of
  // the files saved since the last good build are listed apart and less
  // loudly; the others are only counted.
  function showErrors(st) {
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
    var errors = pre(st.errors, "#fff");
    errors.id = "letterpress-errors-list";
    overlay.append(h, errors);
    if (st.warnings && st.warnings.length) {
      var w = document.createElement("h3");
      w.textContent = "Warnings in the files you saved (they do not stop the build)";
      w.style.font = "15px/1.3 system-ui, sans-serif"; w.style.margin = "1.5rem 0 0.5rem"; w.style.color = "#ccc";
      var warnings = pre(st.warnings, "#ccc");
      warnings.id = "letterpress-warnings-list";
      warnings.style.fontSize = "14px";
      overlay.append(w, warnings);
    }
    if (st.otherWarnings) {
      var n = st.otherWarnings;
      var other = para((n === 1 ? "1 warning" : n + " warnings") + " in other files " + (n === 1 ? "does" : "do") +
        " not stop the build either: letterpress check lists " + (n === 1 ? "it." : "them."), "#ccc");
      other.id = "letterpress-other-warnings";
      overlay.append(other);
    }
    var note = para("The preview keeps showing the last good version underneath. This message goes when the errors are fixed.", "#fff");
    var close = document.createElement("button");
    close.type = "button"; close.textContent = "Hide";
    close.addEventListener("click", hideErrors);
    overlay.append(note, close);
    document.body.appendChild(overlay);
    close.focus();
  }

  function onState(e) {
    var st = JSON.parse(e.data);
    if (shown === null) { shown = st.build; } // a page the server did not label
    if (st.build !== shown) {
      if (wanted !== st.build) {
        sessionStorage.setItem(key, String(window.scrollY));
        sessionStorage.setItem(wantKey, st.build);
        // Stop listening: this page goes on running until the new one
        // arrives, and a later build noted as the one the reload was for
        // would stop the new page, older than that build, reloading for it.
        events.close();
        location.reload();
        return;
      }
      shown = st.build;
    }
    if (st.errors && st.errors.length) { showErrors(st); } else { hideErrors(); }
  }

  // The first event of each connection (and of each reconnection, after
  // the server was away) is the current state.
  var events = null;
  function connect() {
    if (events) { events.close(); }
    events = new EventSource("/_letterpress/events");
    events.addEventListener("state", onState);
  }
  connect();
  // A page the browser kept on going back or forward had closed its
  // connection: open it again, which tells the page the current build.
  window.addEventListener("pageshow", function (e) { if (e.persisted) { connect(); } });
})();
