// Runs first in <body>: lets GOV.UK Frontend styles know JavaScript and ES modules are available.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
