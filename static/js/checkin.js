// The officials' check-in desk: scan a badge or agenda QR code with the device's camera.
// The code holds a check-in URL; its token is posted to this event's check-in URL and the
// server's answer (a small HTML fragment) is shown. Kept in a static file for the CSP.
(() => {
  const box = document.getElementById("scanner");
  if (!box || typeof QrScanner === "undefined") {
    return;
  }
  const video = document.getElementById("scanner-video");
  const result = document.getElementById("scan-result");
  const error = document.getElementById("scanner-error");
  const startButton = box.querySelector("[data-scan-start]");
  const stopButton = box.querySelector("[data-scan-stop]");
  const csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
  const pattern = /\/events\/(\d+)\/manage\/check-in\/t\/([^/?#]+)\/?/;
  let scanner = null;
  let busy = false;
  let last = "";

  const say = (text) => {
    error.textContent = text || "";
  };

  async function checkIn(text) {
    let path = text;
    try {
      path = new URL(text, window.location.href).pathname;
    } catch (_) {
      // not a URL: the pattern test below refuses it
    }
    const match = pattern.exec(path);
    if (!match || match[1] !== box.dataset.event) {
      say(error.dataset.foreign);
      return;
    }
    say("");
    const url = box.dataset.tokenUrl.replace("TOKEN", match[2]);
    const response = await fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "HX-Request": "true" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      say(response.status === 404 ? error.dataset.foreign : error.dataset.failed);
      return;
    }
    result.innerHTML = await response.text();
    if (window.htmx) {
      window.htmx.process(result);
      // The list and the count beside the camera follow: search again with the same words.
      window.htmx.trigger(document.getElementById("checkin-q"), "search");
    }
  }

  async function onDecode(scan) {
    const text = typeof scan === "string" ? scan : scan.data;
    // The same code stays in front of the camera for a while: act on it once.
    if (busy || text === last) {
      return;
    }
    busy = true;
    last = text;
    try {
      await checkIn(text);
    } catch (_) {
      say(error.dataset.failed);
    } finally {
      busy = false;
      window.setTimeout(() => {
        last = "";
      }, 4000);
    }
  }

  async function start() {
    say("");
    if (!(await QrScanner.hasCamera())) {
      say(error.dataset.noCamera);
      return;
    }
    // Shown before the scanner is made: given a hidden video, it would keep it invisible.
    video.classList.remove("d-none");
    scanner =
      scanner ||
      new QrScanner(video, onDecode, {
        returnDetailedScanResult: true,
        preferredCamera: "environment",
        maxScansPerSecond: 5,
      });
    try {
      await scanner.start();
    } catch (_) {
      video.classList.add("d-none");
      say(error.dataset.denied);
      return;
    }
    startButton.classList.add("d-none");
    stopButton.classList.remove("d-none");
  }

  function stop() {
    if (scanner) {
      scanner.stop();
    }
    video.classList.add("d-none");
    stopButton.classList.add("d-none");
    startButton.classList.remove("d-none");
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
})();
