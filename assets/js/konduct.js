// Calls to Konduct's REST API from the pages, for the few steps that must set or
// clear the HttpOnly session cookie (sign-in, sign-out). Passwords typed into
// these forms go straight to the API and never pass through page state.
window.konduct = {
  csrfToken() {
    const entry = document.cookie.split("; ").find((c) => c.startsWith("konduct_csrf="));
    return entry ? decodeURIComponent(entry.split("=")[1]) : "";
  },

  async post(url, body) {
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": this.csrfToken() },
        body: JSON.stringify(body || {}),
      });
      let data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      return { status: response.status, body: data };
    } catch (e) {
      return { status: 0, body: { detail: "Konduct could not be reached. Check your connection." } };
    }
  },

  formValues(formId) {
    const form = document.getElementById(formId);
    const values = {};
    if (!form) return values;
    for (const field of form.elements) {
      if (!field.name) continue;
      values[field.name] = field.type === "checkbox" ? field.checked : field.value;
    }
    return values;
  },

  submit(formId, url, extra) {
    return this.post(url, { ...this.formValues(formId), ...(extra || {}) });
  },

  async signOut() {
    await this.post("/api/auth/logout");
    window.location.assign("/");
  },

  go(path) {
    // Only paths on this site: never follow an outside address from a ?next= parameter.
    let target = "/dashboard";
    try {
      const url = new URL(path, window.location.origin);
      if (typeof path === "string" && path.startsWith("/") && url.origin === window.location.origin) {
        target = url.pathname + url.search + url.hash;
      }
    } catch (e) {
      target = "/dashboard";
    }
    window.location.assign(target);
  },
};

// Sign-in in two steps when two-factor is on: the pending-sign-in token stays in
// this script and is never handed to the page state.
window.konduct.signIn = async function (formId) {
  const answer = await this.submit(formId, "/api/auth/login", { session: "cookie" });
  if (answer.body && answer.body.mfa_required) {
    this.pendingMfa = answer.body.mfa_token;
    return { status: answer.status, body: { mfa_required: true } };
  }
  return answer;
};

window.konduct.verifyMfa = function (formId) {
  return this.submit(formId, "/api/auth/login/mfa", {
    mfa_token: this.pendingMfa || "",
    session: "cookie",
  });
};

// After signing in: use the account's theme on this browser too, then go on.
window.konduct.afterSignIn = async function (path) {
  try {
    const response = await fetch("/api/users/me", { credentials: "same-origin" });
    const me = await response.json();
    const theme = ((me.preferences || {}).theme || "").toLowerCase();
    if (["light", "dark", "system"].includes(theme)) localStorage.setItem("theme", theme);
  } catch (e) {
    // The theme is a nicety; signing in must not fail over it.
  }
  this.go(path);
};
