// The editor speaks French unless its user chose another language in its settings (Sveltia CMS keeps that choice
// in localStorage); read before sveltia-cms.js, which otherwise follows the browser's language.
(function () {
  try {
    var prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = "fr";
      localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
    }
  } catch (e) {
    // storage refused (private browsing): the browser's language applies
  }
})();
