/* One canvas that draws every unit as a dot: the low-detail view when thousands are in sight.
 *
 * Leaflet's own canvas paths cost an object, events and bounds bookkeeping per dot; at 20,000
 * units moving every second that bookkeeping, not the drawing, is what falls behind. This layer
 * keeps nothing per dot but reads the unit records at draw time, once per animation frame.
 */
"use strict";

(function (ICC) {
  ICC.DotCanvas = L.Layer.extend({
    initialize: function (units, onClick) {
      this._units = units;  // Map id -> {d: {lat, lon, status}}
      this._onClick = onClick;
      this._frame = null;
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "icc-dots leaflet-zoom-hide");
      this.getPane("overlayPane").appendChild(this._canvas);
      map.on("moveend zoomend resize", this._reset, this);
      map.on("click", this._click, this);
      this._reset();
    },

    onRemove: function (map) {
      map.off("moveend zoomend resize", this._reset, this);
      map.off("click", this._click, this);
      if (this._frame) L.Util.cancelAnimFrame(this._frame);
      this._frame = null;
      L.DomUtil.remove(this._canvas);
    },

    _reset: function () {
      var map = this._map, size = map.getSize();
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(this._canvas, topLeft);
      this._canvas.width = size.x;
      this._canvas.height = size.y;
      this._draw();
    },

    redraw: function () {
      if (this._map && !this._frame) this._frame = L.Util.requestAnimFrame(this._draw, this);
    },

    _draw: function () {
      this._frame = null;
      var map = this._map;
      if (!map) return;
      var ctx = this._canvas.getContext("2d");
      var w = this._canvas.width, h = this._canvas.height;
      ctx.clearRect(0, 0, w, h);
      // Bucket by colour so the canvas state changes a handful of times, not once per dot.
      var buckets = {};
      var origin = map.getPixelOrigin(), zoom = map.getZoom();
      var offset = map.containerPointToLayerPoint([0, 0]);
      this._units.forEach(function (rec) {
        if (rec.marker) return;  // drawn in full as a DOM marker
        var p = map.project([rec.d.lat, rec.d.lon], zoom);
        var x = p.x - origin.x - offset.x, y = p.y - origin.y - offset.y;
        if (x < -5 || y < -5 || x > w + 5 || y > h + 5) return;
        var c = ICC.statusColour(rec.d.status);
        (buckets[c] || (buckets[c] = [])).push(x, y);
      });
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#0b1622";
      Object.keys(buckets).forEach(function (c) {
        var pts = buckets[c];
        ctx.fillStyle = c;
        ctx.beginPath();
        for (var i = 0; i < pts.length; i += 2) {
          ctx.moveTo(pts[i] + 4, pts[i + 1]);
          ctx.arc(pts[i], pts[i + 1], 4, 0, 2 * Math.PI);
        }
        ctx.fill();
        ctx.stroke();
      });
    },

    _click: function (e) {
      var best = null, bestD = 64;  // within 8 px
      var map = this._map, pt = e.containerPoint;
      this._units.forEach(function (rec, id) {
        var p = map.latLngToContainerPoint([rec.d.lat, rec.d.lon]);
        var d = (p.x - pt.x) * (p.x - pt.x) + (p.y - pt.y) * (p.y - pt.y);
        if (d < bestD) { bestD = d; best = id; }
      });
      if (best !== null) this._onClick(best);
    },
  });
})(window.ICC);
