/* One canvas that draws every unit as a dot: the low-detail view when thousands are in sight.
 *
 * Leaflet's own canvas paths cost an object, events and bounds bookkeeping per dot; at 20,000
 * units moving every second that bookkeeping, not the drawing, is what falls behind. This layer
 * keeps nothing per dot but reads the unit records at draw time, once per animation frame.
 * Positions are projected inline (no LatLng/Point objects per dot) and each dot's pixels are
 * stamped from a pre-drawn sprite into one ImageData, put on the canvas in a single call: without
 * a GPU, 20,000 arcs or 20,000 drawImage calls took 90 ms a frame and more, this about 10 ms.
 */
"use strict";

(function (ICC) {
  var SPRITE = 12;  // px: a radius-4 dot with its 1 px outline, and room for antialiasing

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
      this._frame = null;  // a frame already asked for finds no map and does nothing
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
      if (this._map && !this._frame) {
        this._frame = true;
        ICC.onFrame(this._draw, this);
      }
    },

    // Dots are SPRITE x SPRITE pixels (RGBA words and alpha), one sprite per colour, drawn once.
    _spriteOf: function (colour) {
      var index = this._spriteIndex || (this._spriteIndex = {});
      if (index[colour] === undefined) {
        var c = document.createElement("canvas");
        c.width = c.height = SPRITE;
        var g = c.getContext("2d", { willReadFrequently: true });
        g.fillStyle = colour;
        g.strokeStyle = "#0b1622";
        g.lineWidth = 1;
        g.beginPath();
        g.arc(SPRITE / 2, SPRITE / 2, 4, 0, 2 * Math.PI);
        g.fill();
        g.stroke();
        var data = g.getImageData(0, 0, SPRITE, SPRITE).data;
        var n = Object.keys(index).length, area = SPRITE * SPRITE;
        var words = new Uint32Array((n + 1) * area), over = new Uint32Array((n + 1) * area);
        if (n) {
          words.set(this._spriteWords);
          over.set(this._spriteOver);
        }
        var src = new Uint32Array(data.buffer);
        words.set(src, n * area);
        // Over another dot, a mostly covered rim pixel is drawn opaque and a faint one not at all.
        for (var k = 0; k < area; k++) over[n * area + k] = data[4 * k + 3] >= 96 ? (src[k] | 0xff000000) >>> 0 : 0;
        this._spriteWords = words;
        this._spriteOver = over;
        index[colour] = n;
      }
      return index[colour];
    },

    _draw: function () {
      this._frame = null;
      var map = this._map;
      if (!map) return;
      var ctx = this._canvas.getContext("2d");
      var w = this._canvas.width, h = this._canvas.height;
      if (!w || !h) return;
      if (!this._image || this._image.width !== w || this._image.height !== h) {
        this._image = ctx.createImageData(w, h);
        this._pixels = new Uint32Array(this._image.data.buffer);
      }
      if (!this._xs || this._xs.length < this._units.size) {
        var cap = Math.max(1024, 2 * this._units.size);
        this._xs = new Int32Array(cap);
        this._ys = new Int32Array(cap);
        this._ss = new Int32Array(cap);
      }
      // Pass 1: where each dot goes (only those that touch the canvas), and in which colour.
      var xs = this._xs, ys = this._ys, ss = this._ss, n = 0;
      var zoom = map.getZoom(), origin = map.getPixelOrigin();
      var offset = map.containerPointToLayerPoint([0, 0]);
      var ox = origin.x + offset.x + SPRITE / 2, oy = origin.y + offset.y + SPRITE / 2;
      var mercator = map.options.crs === L.CRS.EPSG3857;
      var scale = map.options.crs.scale(zoom), maxLat = L.Projection.SphericalMercator.MAX_LATITUDE;
      var byStatus = {}, self = this;
      this._units.forEach(function (rec) {
        if (rec.marker) return;  // drawn in full as a DOM marker
        var d = rec.d, px, py;
        if (mercator) {
          var lat = Math.max(Math.min(d.lat, maxLat), -maxLat);
          px = scale * (d.lon / 360 + 0.5);
          py = scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / (2 * Math.PI));
        } else {
          var p = map.project([d.lat, d.lon], zoom);
          px = p.x;
          py = p.y;
        }
        var x = Math.round(px - ox), y = Math.round(py - oy);
        if (!(x > -SPRITE && y > -SPRITE && x < w && y < h)) return;  // also drops NaN
        var st = d.status, sprite = byStatus[st];
        if (sprite === undefined) sprite = byStatus[st] = self._spriteOf(ICC.statusColour(st));
        xs[n] = x;
        ys[n] = y;
        ss[n] = sprite;
        n++;
      });
      // Pass 2: stamp the sprites. Antialiased against the map; where dots overlap, the later
      // one's outline is drawn opaque instead of blended, which costs nothing per pixel.
      var pixels = this._pixels, words = this._spriteWords, over = this._spriteOver, area = SPRITE * SPRITE;
      pixels.fill(0);
      for (var j = 0; j < n; j++) {
        var x0 = xs[j], y0 = ys[j], base = ss[j] * area;
        var c0 = x0 < 0 ? -x0 : 0, c1 = x0 + SPRITE > w ? w - x0 : SPRITE;
        var r0 = y0 < 0 ? -y0 : 0, r1 = y0 + SPRITE > h ? h - y0 : SPRITE;
        for (var r = r0; r < r1; r++) {
          var row = (y0 + r) * w + x0, sr = base + r * SPRITE;
          for (var c = c0; c < c1; c++) {
            var v = words[sr + c];
            if (v === 0) continue;
            if (pixels[row + c] === 0) pixels[row + c] = v;
            else if (over[sr + c] !== 0) pixels[row + c] = over[sr + c];
          }
        }
      }
      ctx.putImageData(this._image, 0, 0);
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
