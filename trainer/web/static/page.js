// The served page's own behaviour, in a file rather than inline so the Content-Security-Policy can say
// script-src 'self' and nothing else. Start/Restart reload the page without the "delay" parameter.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.restart")) {
    button.addEventListener("click", () => {
      const url = new URL(window.location.href);
      url.searchParams.delete("delay");
      window.location.href = url.pathname + "?" + url.searchParams.toString();
    });
  }
});
