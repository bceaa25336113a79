/* Warning areas (CAP alerts in force): polygons, circles and geocoded districts, coloured by CAP
   severity. Names come from outside (a bureau's CAP file), so they are shown as text nodes only. */
"use strict";

(function (ICC) {
  var COLOURS = { Extreme: "#d62828", Severe: "#f77f00", Moderate: "#e9c46a", Minor: "#4aa3ff" };
  var MIN_RADIUS_M = 300; // a circle of radius 0 (an epicentre) still shows

  function textLabel(text) {
    var el = document.createElement("span");
    el.textContent = text == null ? "" : String(text);
    return el;
  }

  function WarningLayer(onClick) {
    this.onClick = onClick;
    this.items = new Map();
    this.group = L.layerGroup();
  }

  WarningLayer.prototype.upsert = function (items) {
    var self = this;
    items.forEach(function (d) {
      self.remove([d.id]);
      var colour = COLOURS[d.severity] || "#adb5bd";
      var style = { pane: "zonesPane", color: colour, weight: 2, opacity: 0.95, fillColor: colour, fillOpacity: 0.16 };
      var shapes = L.featureGroup();
      (d.polygons || []).forEach(function (ring) { shapes.addLayer(L.polygon(ring, style)); });
      (d.circles || []).forEach(function (c) {
        var radius = Math.max(Number(c.radius_km) * 1000 || 0, MIN_RADIUS_M);
        shapes.addLayer(L.circle([c.lat, c.lon], Object.assign({ radius: radius }, style)));
      });
      shapes.bindTooltip(textLabel(d.name), { sticky: true, className: "icc-tip" });
      shapes.on("click", function () { self.onClick(d.id); });
      self.items.set(d.id, { d: d, shapes: shapes });
      self.group.addLayer(shapes);
    });
  };

  WarningLayer.prototype.remove = function (ids) {
    var self = this;
    ids.forEach(function (id) {
      var rec = self.items.get(id);
      if (rec) { self.group.removeLayer(rec.shapes); self.items.delete(id); }
    });
  };

  WarningLayer.prototype.clear = function () {
    this.group.clearLayers();
    this.items = new Map();
  };

  WarningLayer.prototype.latLngOf = function (id) {
    var rec = this.items.get(id);
    if (!rec) return null;
    var c = rec.shapes.getBounds().getCenter();
    return [c.lat, c.lng];
  };

  WarningLayer.prototype.tooltipText = function (id) {
    var rec = this.items.get(id);
    var tip = rec && rec.shapes.getTooltip();
    return tip ? tip.getContent().textContent : null;
  };

  ICC.WarningLayer = WarningLayer;
})(window.ICC);
