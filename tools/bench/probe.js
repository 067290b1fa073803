// Benchmark instrumentation, loaded as a classic script before anything else on both bench pages
// (ours.html and leaflet.html), so both are measured by exactly the same code. It is not part of
// either map's byte count.
//
// window.__bench:
//   marks          { firstPaint } — set by the page when its map is first drawn
//   longTasks      [[start, end]] of main-thread tasks over 50 ms (for time to interactive)
//   wasmMemories   every WebAssembly.Memory exported by an instance made on this page
//   afterPaint()   resolves with performance.now() after the next frame's rendering (rAF, then a
//                  message posted from inside the rAF callback, which runs after style, layout
//                  and paint of that frame)
//   hoverChanged() called by the page when its hover highlight changes; measures that change
//   hover          [{ latency, processing, work }] per highlight change: latency from the input
//                  event's timeStamp, processing from the start of its dispatch, work = handler
//                  time + the highlight frame's time from its start (no idle wait for the frame)
//   startFrames() / stopFrames()  rAF loop sampling per-frame interval and work
(() => {
  const B = {
    marks: {},
    longTasks: [],
    wasmMemories: [],
    hover: [],
    pointerMoves: 0,
    pending: 0,
    lastPointer: null,
  };
  window.__bench = B;

  // Every wasm instance's memory, so we can report linear memory (ours: core + charts).
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = async function wrapped(...args) {
      const result = await original.apply(this, args);
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory) B.wasmMemories.push(value);
      }
      return result;
    };
  }

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push([e.startTime, e.startTime + e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask support: time to interactive falls back to first paint.
  }

  B.afterPaint = () =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      });
    });

  B.nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  // Pointer moves: the capture listener on window runs before any map handler (start of
  // processing); the bubbling listener runs after the map's own handlers.
  window.addEventListener(
    'pointermove',
    (event) => {
      B.pointerMoves += 1;
      B.lastPointer = { timeStamp: event.timeStamp, dispatched: performance.now() };
    },
    true,
  );

  /** The page's hover highlight changed for the latest pointer move: time it to the painted frame. */
  B.hoverChanged = () => {
    const pointer = B.lastPointer;
    if (!pointer) return;
    const handled = performance.now();
    B.pending += 1;
    requestAnimationFrame((frameStart) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        B.hover.push({
          latency: now - pointer.timeStamp,
          processing: now - pointer.dispatched,
          // Main-thread work only: the input handlers, plus the painted frame from its start.
          work: handled - pointer.dispatched + (now - Math.max(frameStart, handled)),
        });
        B.pending -= 1;
      };
      channel.port2.postMessage(0);
    });
  };

  /** Resolves once no hover measurement is pending, two frames have passed and ≥ `ms` since the last move. */
  B.settle = async (ms = 40) => {
    const since = B.lastPointer ? B.lastPointer.dispatched : 0;
    for (let i = 0; i < 600; i += 1) {
      await B.nextFrame();
      if (i >= 1 && B.pending === 0 && performance.now() - since >= ms) return;
    }
  };

  // Frame sampling: interval between rAF timestamps, and work = rAF timestamp (frame start) to the
  // end of that frame's rendering on the main thread.
  let sampling = null;
  B.startFrames = () => {
    const s = { intervals: [], work: [], previous: null, on: true };
    sampling = s;
    const tick = (ts) => {
      if (!s.on) return;
      if (s.previous !== null) s.intervals.push(ts - s.previous);
      s.previous = ts;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => s.work.push(performance.now() - ts);
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  B.stopFrames = async () => {
    await B.afterPaint();
    const s = sampling;
    s.on = false;
    sampling = null;
    return { intervals: s.intervals, work: s.work };
  };

  /** First paint, and time to interactive: the end of the last long task, once 1 s is quiet. */
  B.loadTimes = async () => {
    for (let i = 0; i < 6000 && B.marks.firstPaint === undefined; i += 1) await B.nextFrame();
    const lastEnd = () => Math.max(B.marks.firstPaint, ...B.longTasks.map((t) => t[1]));
    for (let i = 0; i < 6000 && performance.now() - lastEnd() < 1000; i += 1) await B.nextFrame();
    // What had arrived by the first paint (the first view's download; later fetches are idle prefetch).
    const beforePaint = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= B.marks.firstPaint).map((e) => e.name);
    return { firstPaint: B.marks.firstPaint, interactive: lastEnd(), longTasks: B.longTasks.length, beforePaint };
  };

  /** JS heap after a full GC (needs --js-flags=--expose-gc) and the wasm linear memory. */
  B.memory = async () => {
    for (let i = 0; i < 2; i += 1) {
      if (typeof window.gc === 'function') window.gc();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
    const wasm = B.wasmMemories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
    return { jsHeap: heap, wasm, wasmInstances: B.wasmMemories.length };
  };
})();
