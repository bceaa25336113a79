/* Basemaps: the built-in vector district map, MBTiles served through tiles://, optional online XYZ. */
"use strict";

(function (ICC) {
  // Land stands clearly off the sea so the coastline and the districts read at a glance at night.
  var DISTRICT_FILLS = ["#2b3f5a", "#2f4562", "#334a69", "#283b55"];

  function ringArea(ring) {
    var a = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(a / 2);
  }

  function largestRing(geometry) {
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null, bestArea = -1, total = 0;
    polys.forEach(function (poly) {
      var a = ringArea(poly[0]);
      total += a;
      if (a > bestArea) { bestArea = a; best = poly[0]; }
    });
    return { ring: best, area: total };
  }

  // A point that is inside the ring: the middle of the widest horizontal run through the
  // centroid's latitude. Centroids of crescent-shaped districts (e.g. along the Huangpu) fall
  // outside the district, and a label floating over the neighbour misleads.
  function labelPoint(ring) {
    var cx = 0, cy = 0;
    ring.forEach(function (p) { cx += p[0]; cy += p[1]; });
    cx /= ring.length; cy /= ring.length;
    var xs = [];
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a[1] > cy) !== (b[1] > cy)) {
        xs.push(a[0] + (cy - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
      }
    }
    xs.sort(function (p, q) { return p - q; });
    var bestW = -1, bestX = cx;
    for (var k = 0; k + 1 < xs.length; k += 2) {
      var w = xs[k + 1] - xs[k];
      var mid = (xs[k] + xs[k + 1]) / 2;
      // Prefer the run closest to the centroid unless another is much wider.
      var score = w - Math.abs(mid - cx) * 0.5;
      if (score > bestW) { bestW = score; bestX = mid; }
    }
    return [cy, bestX];
  }

  function buildDistricts(map, data) {
    var fill = L.geoJSON(data, {
      pane: "districtFill",
      interactive: false,
      style: function (f) {
        var idx = parseInt(String((f.properties || {}).code || "0").slice(-2), 10) || 0;
        return { stroke: false, fillColor: DISTRICT_FILLS[idx % DISTRICT_FILLS.length], fillOpacity: 1 };
      },
    });
    var borders = L.geoJSON(data, {
      pane: "districtLines",
      interactive: false,
      style: function () {
        return { color: "#4f7cac", weight: 1.2, opacity: 0.85, fill: false, dashArray: null };
      },
    });
    var labels = L.layerGroup();
    (data.features || []).forEach(function (f) {
      if (!f.geometry) return;
      var lr = largestRing(f.geometry);
      if (!lr.ring) return;
      var small = lr.area < 0.006;  // square degrees: the central urban districts
      L.marker(labelPoint(lr.ring), {
        pane: "districtLabels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: "district-label" + (small ? " small" : ""),
          html: ICC.el("span", null, (f.properties || {}).name || ""),
          iconSize: null,
        }),
      }).addTo(labels);
    });
    return { fill: fill, borders: borders, labels: labels };
  }

  // PMTiles / vector MBTiles drawn on canvas by protomaps-leaflet (no GPU needed), in the
  // protomaps basemap styles: "dark" at night, "light" by day (see ICC.setVectorFlavor).
  var vectorLayers = [];
  function flavorFor(theme) { return theme === "day" ? "light" : "dark"; }
  function vectorTiles(b) {
    var opts = {
      url: b.url, flavor: flavorFor(ICC.theme), lang: "zh", maxDataZoom: b.maxzoom,
      minZoom: 3, maxZoom: 20, attribution: b.attribution || "",
    };
    if (b.bounds) opts.bounds = [[b.bounds[1], b.bounds[0]], [b.bounds[3], b.bounds[2]]];
    var layer = protomapsL.leafletLayer(opts);
    layer.iccUrl = b.url;
    vectorLayers.push(layer);
    return layer;
  }
  ICC.setVectorFlavor = function (theme) {
    vectorLayers.forEach(function (layer) {
      // The flavor's rules come from a layer made for it (the library does not export the flavors).
      var styled = protomapsL.leafletLayer({ url: layer.iccUrl, flavor: flavorFor(theme), lang: "zh" });
      layer.paintRules = styled.paintRules;
      layer.labelRules = styled.labelRules;
      layer.backgroundColor = styled.backgroundColor;
      layer.clearLayout();
      layer.rerenderTiles();
    });
  };

  ICC.createBasemaps = function (map, cfg) {
    ["districtFill", "districtLines", "districtLabels"].forEach(function (name, i) {
      var pane = map.createPane(name);
      pane.style.zIndex = String([150, 390, 395][i]);
      pane.style.pointerEvents = "none";
    });

    var bases = Object.create(null);  // keyed by title, which is data: "__proto__" is just a name here
    var vectorBase = L.layerGroup();
    var districtOverlay = L.layerGroup();
    var ready = Promise.resolve();
    var items = (cfg.basemaps && cfg.basemaps.items) || [];
    items.forEach(function (b) {
      var layer;
      if (b.kind === "vector") {
        layer = vectorBase;
      } else if (b.kind === "vectortiles") {
        layer = vectorTiles(b);
      } else {
        var opts = {
          minZoom: 3,
          maxZoom: 20,
          minNativeZoom: b.minzoom,
          maxNativeZoom: b.maxzoom,
          attribution: ICC.esc(b.attribution || ""),  // the attribution control takes HTML only
          keepBuffer: 2,
        };
        if (b.bounds) opts.bounds = [[b.bounds[1], b.bounds[0]], [b.bounds[3], b.bounds[2]]];
        layer = L.tileLayer(b.url, opts);
      }
      layer.iccId = b.id;
      var title = String(b.title || b.id);
      if (title in bases) title += " (" + b.id + ")";
      bases[title] = layer;
    });

    ready = fetch(cfg.districtsUrl)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var d = buildDistricts(map, data);
        d.fill.addTo(vectorBase);
        d.borders.addTo(districtOverlay);
        d.labels.addTo(districtOverlay);
        ICC.districtBounds = d.borders.getBounds();
        // Frame the whole city on first load; fractional zoom lets it fill the view.
        if (cfg.fitDistricts !== false && ICC.districtBounds.isValid()) {
          map.options.zoomSnap = 0.25;
          map.fitBounds(ICC.districtBounds, { padding: [12, 12], animate: false });
          map.options.zoomSnap = 1;
        }
      })
      .catch(function (err) {
        ICC.bridgeLog("basemap: " + err);
      });

    var def = (cfg.basemaps && cfg.basemaps.default) || "vector";
    Object.keys(bases).forEach(function (title) {
      if (bases[title].iccId === def) bases[title].addTo(map);
    });
    districtOverlay.addTo(map);
    return { bases: bases, districts: districtOverlay, ready: ready };
  };
})(window.ICC);
