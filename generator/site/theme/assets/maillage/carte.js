/* Maillage: the map of /carte/ and the small map of actor pages, on Leaflet (assets/vendor/, loaded only by
   these pages). The pages work without this script: the list of places is plain HTML. The script adds the
   map, the filters (which filter markers and list alike) and a "Voir sur la carte" button on each located
   place of the list. Tiles are optional: markers, clusters, pop-ups, filters and list work when none load. */
(function () {
  "use strict";

  if (typeof window.L === "undefined") {
    return; // Leaflet did not load: the list remains.
  }

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var leafletScript = document.querySelector('script[src*="leaflet/leaflet.js"]');
  if (leafletScript) {
    // Where the marker images are, without relying on Leaflet's guess from its style sheet.
    L.Icon.Default.imagePath = leafletScript.src.replace(/leaflet\.js(\?.*)?$/, "images/");
  }

  // Room around the places when the map fits them: more above, where the marker pins stand.
  var PADDING = [[30, 55], [30, 20]];

  function escapeHtml(text) {
    var table = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    return String(text).replace(/[&<>"']/g, function (c) { return table[c]; });
  }

  function plural(count, one, many) {
    return count + " " + (count < 2 ? one : many);
  }

  // One finger (or the wheel alone) scrolls the page over a map; two fingers (or Ctrl + wheel) move it, so that
  // a map never traps the page on a phone (Leaflet.GestureHandling, assets/vendor/).
  var GESTURES = {
    duration: 1500,
    text: {
      touch: "Utilisez deux doigts pour déplacer la carte",
      scroll: "Pour zoomer, faites défiler en maintenant la touche Ctrl",
      scrollMac: "Pour zoomer, faites défiler en maintenant la touche \u2318"
    }
  };

  /* A map with French controls, the configured tiles (if any) and their credit. */
  function baseMap(container, options) {
    container.hidden = false;
    var settings = {
      gestureHandling: Boolean(window.leafletGestureHandling), // its script loaded
      gestureHandlingOptions: GESTURES,
      zoomControl: false,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion,
      zoomSnap: 0.5, // half levels: the places fill the map better
      maxZoom: 18
    };
    for (var key in options) {
      settings[key] = options[key];
    }
    var map = L.map(container, settings);
    L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    var tiles = container.getAttribute("data-tuiles");
    if (tiles) {
      L.tileLayer(tiles, {
        attribution: escapeHtml(container.getAttribute("data-attribution") || ""),
        maxZoom: 19
      }).addTo(map);
    }
    // Escape closes a pop-up whose link has the focus (Leaflet only listens while the map itself has it).
    container.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
        map.closePopup();
      }
    });
    map.on("popupopen", function (event) {
      var element = event.popup.getElement();
      var close = element && element.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la bulle");
        close.title = "Fermer";
      }
    });
    return map;
  }

  /* The pop-up of a place: the actor (a link to its page when `href`), then one line per detail. */
  function popupContent(title, href, lines) {
    var box = document.createElement("div");
    box.className = "mj-popup";
    var heading = document.createElement("p");
    heading.className = "mj-popup__titre";
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = title;
      heading.appendChild(link);
    } else {
      heading.textContent = title;
    }
    box.appendChild(heading);
    lines.forEach(function (line) {
      if (line) {
        var p = document.createElement("p");
        p.textContent = line;
        box.appendChild(p);
      }
    });
    return box;
  }

  function marker(lat, lon, label) {
    return L.marker([lat, lon], { title: label, alt: label, keyboard: true });
  }

  /* Cluster icons with a name, since Leaflet makes them focusable buttons. */
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      div.setAttribute("aria-label", this.options.label);
      div.title = this.options.label;
      return div;
    }
  });

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? 36 : count < 100 ? 42 : 50;
    return new ClusterIcon({
      html: "<span>" + count + "</span>",
      className: "mj-cluster",
      iconSize: L.point(size, size),
      label: count + " lieux regroupés : zoomer pour les voir"
    });
  }

  /* --- the map page ------------------------------------------------------------------------------------ */

  function mainMap(container) {
    var root = container.getAttribute("data-racine") || "";
    var form = document.getElementById("mj-filtres");
    var status = document.getElementById("mj-filtres-resultat");
    var items = Array.prototype.slice.call(document.querySelectorAll(".mj-lieu"));
    var lists = Array.prototype.slice.call(document.querySelectorAll(".mj-lieux__liste"));

    fetch(container.getAttribute("data-lieux"))
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data.lieux.length) {
          start(data);
        } else {
          withoutMap();
        }
      })
      .catch(withoutMap);

    // No data: the list says everything, and takes the room kept for the map and its filters.
    function withoutMap() {
      container.parentElement.classList.add("mj-carte-layout--sans-carte");
      container.remove();
      if (form) {
        form.remove();
      }
    }

    function start(data) {
      var map = baseMap(container, {});
      var group = L.markerClusterGroup({
        iconCreateFunction: clusterIcon,
        showCoverageOnHover: false,
        animate: !reduceMotion,
        maxClusterRadius: 50,
        chunkedLoading: true
      });
      map.addLayer(group);
      var entries = data.lieux.map(function (place) {
        var label = place.nom + (place.lieu ? " — " + place.lieu : "");
        var layer = marker(place.lat, place.lon, label);
        layer.bindPopup(function () {
          return popupContent(place.nom, root + place.url, [place.lieu, place.adresse, data.types[place.type]]);
        });
        return { place: place, marker: layer };
      });
      var byId = {};
      entries.forEach(function (entry) {
        byId[entry.place.id] = entry;
      });

      function chosen(name) {
        return form && form.elements[name] ? form.elements[name].value : "";
      }

      function matches(type, thematiques) {
        var thematique = chosen("thematique");
        var wanted = chosen("type");
        return (!wanted || type === wanted) && (!thematique || thematiques.indexOf(thematique) >= 0);
      }

      function fit(shown) {
        if (!shown.length) {
          return;
        }
        var bounds = L.latLngBounds(shown.map(function (entry) { return entry.marker.getLatLng(); }));
        map.fitBounds(bounds, { paddingTopLeft: PADDING[0], paddingBottomRight: PADDING[1], maxZoom: 14,
          animate: !reduceMotion });
      }

      function apply(announce) {
        var shown = entries.filter(function (entry) {
          return matches(entry.place.type, entry.place.thematiques);
        });
        group.clearLayers();
        group.addLayers(shown.map(function (entry) { return entry.marker; }));
        var listed = 0;
        items.forEach(function (item) {
          var visible = matches(item.getAttribute("data-type"), (item.getAttribute("data-thematiques") || "").split(" "));
          item.hidden = !visible;
          listed += visible ? 1 : 0;
        });
        lists.forEach(function (list) {
          var empty = !list.querySelector(".mj-lieu:not([hidden])");
          list.hidden = empty;
          if (list.previousElementSibling) {
            list.previousElementSibling.hidden = empty;
          }
        });
        if (announce && status) {
          status.textContent = plural(shown.length, "lieu", "lieux") + " sur la carte, " +
            plural(listed, "lieu", "lieux") + " dans la liste" +
            (document.querySelector(".mj-lieux .mj-pager") ? " de cette page" : "") + ".";
        }
        fit(shown);
      }

      apply(false);
      if (form) {
        form.hidden = false;
        form.addEventListener("change", function () { apply(true); });
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          apply(true);
        });
        form.addEventListener("reset", function () {
          window.setTimeout(function () { apply(true); }, 0); // after the form has cleared its fields
        });
      }

      // From the list to the map: show the place, open its pop-up, and come back to the list on closing.
      var returnTo = null;
      map.on("popupclose", function () {
        var focused = document.activeElement;
        if (returnTo && (!focused || focused === document.body || container.contains(focused))) {
          returnTo.focus();
        }
        returnTo = null;
      });
      items.forEach(function (item) {
        var entry = byId[item.id];
        if (!entry) {
          return;
        }
        var button = item.querySelector(".mj-lieu__voir"); // written by the page, its room kept (no shift)
        if (!button) {
          return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
          container.scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
          group.zoomToShowLayer(entry.marker, function () {
            entry.marker.openPopup();
            returnTo = button;
            var link = entry.marker.getPopup().getElement().querySelector("a[href]:not(.leaflet-popup-close-button)");
            if (link) {
              link.focus({ preventScroll: true });
            }
          });
        });
      });
      container.setAttribute("data-pret", "oui"); // for the tests: markers are in place
    }
  }

  /* --- the small map of an actor page ----------------------------------------------------------------- */

  function smallMap(container) {
    var points = JSON.parse(container.getAttribute("data-points") || "[]");
    if (!points.length) {
      return;
    }
    var map = baseMap(container, { scrollWheelZoom: false });
    var layers = points.map(function (point) {
      return marker(point.lat, point.lon, point.nom)
        .bindPopup(popupContent(point.nom, null, [point.adresse]))
        .addTo(map);
    });
    if (layers.length === 1) {
      map.setView(layers[0].getLatLng(), 15);
    } else {
      map.fitBounds(L.latLngBounds(layers.map(function (layer) { return layer.getLatLng(); })), {
        paddingTopLeft: PADDING[0],
        paddingBottomRight: PADDING[1],
        maxZoom: 15
      });
    }
    container.setAttribute("data-pret", "oui");
  }

  Array.prototype.forEach.call(document.querySelectorAll(".mj-carte"), mainMap);
  Array.prototype.forEach.call(document.querySelectorAll(".mj-minicarte"), smallMap);
})();
