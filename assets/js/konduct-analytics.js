// Konduct's site analytics: first-party, anonymous, and Google Analytics only with consent.
//
// Always (no third party, no personal data): page views, CTA clicks (any element with
// data-track="<name>"), time in view, and Web Vitals (LCP, CLS, INP, FID, TTFB, FCP,
// measured here with PerformanceObserver) go to POST /api/analytics/track with a random
// visitor id (first-party cookie konduct_vid) and a session id (30 minutes idle).
//
// Google Analytics 4 (gtag.js) loads only when the server has GA_MEASUREMENT_ID set
// (GET /api/analytics/config) AND the visitor pressed "Accept" in the cookie banner. The
// choice is kept in localStorage; any element with data-consent-settings reopens the banner.
//
// Pages that confirm a conversion call konductAnalytics.conversion("trial_signup" |
// "demo_request" | "contact_request").
(function () {
  "use strict";
  if (window.konductAnalytics) return;

  var TRACK_URL = "/api/analytics/track";
  var CONSENT_KEY = "konduct_consent";
  var SESSION_KEY = "konduct_session_id";
  var VISITOR_COOKIE = "konduct_vid";
  var SESSION_IDLE_MS = 30 * 60 * 1000;
  var MAX_BATCH = 20;
  var queue = [];
  var config = null;
  var gaLoaded = false;

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function visitorId() {
    var found = document.cookie.split("; ").find(function (c) {
      return c.indexOf(VISITOR_COOKIE + "=") === 0;
    });
    var id = found ? found.split("=")[1] : "";
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) id = randomId();
    var secure = location.protocol === "https:" ? "; Secure" : "";
    // Renewed on every visit: a year after the last one, the visitor is new again.
    document.cookie = VISITOR_COOKIE + "=" + id + "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
    return id;
  }

  function sessionId() {
    var now = Date.now();
    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(SESSION_KEY) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.id || now - kept.last > SESSION_IDLE_MS) kept = { id: randomId(), last: now };
    kept.last = now;
    try { localStorage.setItem(SESSION_KEY, JSON.stringify(kept)); } catch (e) { /* private mode */ }
    return kept.id;
  }

  function path() {
    // Prerendered pages are folders: /pricing/ and /pricing are the same page.
    return (location.pathname || "/").replace(/(.)\/+$/, "$1");
  }

  function send(events) {
    if (!events.length) return;
    var body = JSON.stringify({ visitor_id: visitorId(), session_id: sessionId(), events: events });
    try {
      fetch(TRACK_URL, {
        method: "POST",
        credentials: "omit", // anonymous: no session cookie travels with it
        keepalive: true, // still delivered when the page is closing
        headers: { "Content-Type": "application/json" },
        body: body,
      }).catch(function () {});
    } catch (e) { /* analytics must never break a page */ }
  }

  function flush() {
    while (queue.length) send(queue.splice(0, MAX_BATCH));
  }

  // Signed-in app pages and admin pages are not the public site: their visits are not counted.
  var PRIVATE = /^\/(admin|dev|settings|campaigns|dashboard|onboarding|reset-password|verify-email)(\/|$)/;
  var CONVERSIONS = ["trial_signup", "demo_request", "contact_request"];

  function track(type, fields, now) {
    var event = Object.assign({ type: type, path: path() }, fields || {});
    if (PRIVATE.test(event.path) && CONVERSIONS.indexOf(type) < 0) return;
    queue.push(event);
    if (now || queue.length >= MAX_BATCH) flush();
  }

  // --- Page views and time in view (client-side navigation included) ------------------
  var currentPath = null;
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var inViewMs = 0;

  function closeEngagement() {
    if (visibleSince !== null) inViewMs += Date.now() - visibleSince;
    visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    if (currentPath !== null && inViewMs >= 1 && !PRIVATE.test(currentPath)) {
      queue.push({ type: "engagement", path: currentPath, value: Math.min(Math.round(inViewMs), 21600000) });
    }
    inViewMs = 0;
  }

  function pageView() {
    var here = path();
    if (here === currentPath) return;
    if (currentPath !== null) closeEngagement();
    var referrer = currentPath === null ? document.referrer : location.origin + currentPath;
    currentPath = here;
    track("page_view", { referrer: referrer || null }, true);
  }

  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(this, arguments);
      setTimeout(pageView, 0);
      return result;
    };
  });
  window.addEventListener("popstate", function () { setTimeout(pageView, 0); });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      closeEngagement();
      reportVitals();
      flush();
    } else {
      visibleSince = Date.now();
    }
  });
  window.addEventListener("pagehide", function () { closeEngagement(); reportVitals(); flush(); });

  // --- CTA clicks ---------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-track]") : null;
    if (!target) return;
    var label = (target.getAttribute("data-track") || "").replace(/[^A-Za-z0-9 _.:\/#-]/g, "").slice(0, 80);
    if (label) track("cta_click", { label: label }, true);
  }, true);

  // --- Web Vitals (first page load only; the definitions of web.dev) ---------------------
  var vitals = {};
  var vitalsSent = {};
  var firstPath = path();

  function observe(type, callback, options) {
    try {
      if (!PerformanceObserver.supportedEntryTypes || PerformanceObserver.supportedEntryTypes.indexOf(type) < 0) return;
      var observer = new PerformanceObserver(function (list) { list.getEntries().forEach(callback); });
      observer.observe(Object.assign({ type: type, buffered: true }, options || {}));
    } catch (e) { /* an old browser: no vitals */ }
  }

  var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  var activationStart = (navigation && navigation.activationStart) || 0;
  if (navigation && navigation.responseStart > 0) {
    vitals.TTFB = Math.max(0, navigation.responseStart - activationStart);
  }
  observe("paint", function (entry) {
    if (entry.name === "first-contentful-paint") vitals.FCP = Math.max(0, entry.startTime - activationStart);
  });
  observe("largest-contentful-paint", function (entry) {
    vitals.LCP = Math.max(0, entry.startTime - activationStart);
  });
  observe("first-input", function (entry) {
    if (vitals.FID === undefined) vitals.FID = Math.max(0, entry.processingStart - entry.startTime);
  });
  // CLS: the largest burst of shifts (gaps under 1 s, bursts under 5 s) not caused by input.
  var clsWindow = 0, clsFirst = 0, clsLast = 0;
  vitals.CLS = 0;
  observe("layout-shift", function (entry) {
    if (entry.hadRecentInput) return;
    if (clsWindow && entry.startTime - clsLast < 1000 && entry.startTime - clsFirst < 5000) {
      clsWindow += entry.value;
    } else {
      clsWindow = entry.value;
      clsFirst = entry.startTime;
    }
    clsLast = entry.startTime;
    vitals.CLS = Math.max(vitals.CLS, clsWindow);
  });
  // INP: the slowest interaction, skipping one outlier per 50 interactions.
  var interactions = {};
  observe("event", function (entry) {
    if (!entry.interactionId) return;
    interactions[entry.interactionId] = Math.max(interactions[entry.interactionId] || 0, entry.duration);
    var durations = Object.keys(interactions).map(function (k) { return interactions[k]; })
      .sort(function (a, b) { return b - a; });
    vitals.INP = durations[Math.min(durations.length - 1, Math.floor(durations.length / 50))];
  }, { durationThreshold: 40 });

  // Each vital is sent once, when the page is first hidden: by then its value is final.
  function reportVitals() {
    Object.keys(vitals).forEach(function (name) {
      var value = vitals[name];
      if (value === undefined || vitalsSent[name] || PRIVATE.test(firstPath)) return;
      vitalsSent[name] = true;
      queue.push({
        type: "web_vital",
        path: firstPath,
        label: name,
        value: name === "CLS" ? Math.round(value * 10000) / 10000 : Math.round(value),
      });
    });
  }

  // --- Consent and Google Analytics -----------------------------------------------------
  function consent() {
    try { return localStorage.getItem(CONSENT_KEY); } catch (e) { return null; }
  }

  function loadGoogleAnalytics() {
    var id = config && config.ga_measurement_id;
    if (gaLoaded || consent() !== "granted" || !id || !/^G-[A-Z0-9]{4,16}$/.test(id)) return;
    gaLoaded = true;
    window.dataLayer = window.dataLayer || [];
    window.gtag = function () { window.dataLayer.push(arguments); };
    window.gtag("consent", "default", { analytics_storage: "granted", ad_storage: "denied" });
    window.gtag("js", new Date());
    window.gtag("config", id);
    var script = document.createElement("script");
    script.async = true;
    script.id = "konduct-gtag";
    script.src = "https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(id);
    document.head.appendChild(script);
  }

  function choose(value) {
    try { localStorage.setItem(CONSENT_KEY, value); } catch (e) { /* kept for this page only */ }
    hideBanner();
    if (value === "granted") loadGoogleAnalytics();
  }

  var banner = null;
  var returnFocus = null;

  function hideBanner() {
    if (banner) banner.remove();
    banner = null;
    if (returnFocus && returnFocus.focus) returnFocus.focus();
    returnFocus = null;
  }

  function button(label, id, primary) {
    var b = document.createElement("button");
    b.type = "button";
    b.id = id;
    b.textContent = label;
    b.className = "konduct-consent-button" + (primary ? " konduct-consent-primary" : "");
    return b;
  }

  function showBanner(focus) {
    if (banner) return;
    banner = document.createElement("section");
    banner.id = "cookie-consent";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", "Cookie consent");
    var text = document.createElement("p");
    text.id = "cookie-consent-text";
    text.textContent =
      "We count visits ourselves, anonymously. With your consent we also use Google " +
      "Analytics cookies to understand how the site is used.";
    var more = document.createElement("a");
    more.href = "/privacy";
    // Words that say where the link goes (search engines and screen readers list links alone).
    more.textContent = "How Konduct uses cookies";
    text.appendChild(document.createTextNode(" "));
    text.appendChild(more);
    var actions = document.createElement("div");
    actions.className = "konduct-consent-actions";
    var decline = button("Decline", "cookie-decline", false);
    var accept = button("Accept", "cookie-accept", true);
    decline.addEventListener("click", function () { choose("denied"); });
    accept.addEventListener("click", function () { choose("granted"); });
    actions.appendChild(decline);
    actions.appendChild(accept);
    banner.appendChild(text);
    banner.appendChild(actions);
    banner.addEventListener("keydown", function (event) {
      if (event.key === "Escape") choose("denied");
    });
    // First in the document, so keyboard users meet it before the page.
    document.body.prepend(banner);
    if (focus) { returnFocus = document.activeElement; accept.focus(); }
  }

  function addStyles() {
    var style = document.createElement("style");
    style.textContent =
      "#cookie-consent{position:fixed;z-index:50;left:1rem;right:1rem;bottom:1rem;max-width:40rem;" +
      "margin:0 auto;display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:center;padding:1rem 1.25rem;" +
      "background:#fff;color:#1c2024;border:1px solid #d9d9e0;" +
      "border-radius:12px;box-shadow:0 12px 32px -12px rgba(0,0,0,.35);font:inherit;font-size:.9rem;line-height:1.45}" +
      "#cookie-consent p{margin:0;flex:1 1 18rem}#cookie-consent a{color:#3a5bc7;text-decoration:underline}" +
      // The banner sits outside the theme's root (first in <body>, before React's tree), where
      // the theme's colour variables do not reach: its colours are stated, for both themes.
      "html.dark #cookie-consent{background:#18191b;color:#edeef0;border-color:#3a3f42}" +
      "html.dark #cookie-consent a{color:#9eb1ff}" +
      ".konduct-consent-actions{display:flex;gap:.5rem;margin-left:auto}" +
      ".konduct-consent-button{font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:8px;cursor:pointer;" +
      "border:1px solid #b9bbc6;background:transparent;color:inherit}" +
      ".konduct-consent-primary{background:#3e63dd;border-color:#3e63dd;color:#fff}" +
      ".konduct-consent-button:focus-visible,#cookie-consent a:focus-visible{outline:2px solid var(--accent-8,#3e63dd);outline-offset:2px}";
    document.head.appendChild(style);
  }

  document.addEventListener("click", function (event) {
    var opener = event.target && event.target.closest ? event.target.closest("[data-consent-settings]") : null;
    if (opener) { event.preventDefault(); showBanner(true); }
  });

  function start() {
    addStyles();
    pageView();
    if (!consent()) showBanner(false);
    fetch("/api/analytics/config", { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) { config = c; loadGoogleAnalytics(); })
      .catch(function () {});
  }

  window.konductAnalytics = {
    track: track,
    flush: flush,
    conversion: function (kind, label) {
      if (CONVERSIONS.indexOf(kind) < 0) return;
      track(kind, label ? { label: String(label).slice(0, 80) } : {}, true);
    },
    showConsent: function () { showBanner(true); },
    consent: consent,
    visitorId: visitorId,
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
