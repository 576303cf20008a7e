package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests open the report in real headless Chromium, as a reviewer would open
// the file from a pull request. They need Debian's chromium (.ci/run installs it). In CI
// (CI set) a missing browser fails the tests; on a workstation they skip, saying why.

// chromeCandidates are the names Chromium goes by; CHROME_PATH overrides them.
var chromeCandidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

func findChrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("CHROME_PATH=%s: %v", p, err)
		}
		return p
	}
	for _, name := range chromeCandidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium found (looked for %s on PATH, and CHROME_PATH is not set)", strings.Join(chromeCandidates, ", "))
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: CI is set, so the browser tests must run; .ci/run installs Debian's chromium with apt", msg)
	}
	t.Skipf("SKIPPING the browser tests of the HTML report: %s. Install it (apt-get install chromium) or set CHROME_PATH to run them.", msg)
	return ""
}

// newBrowser starts one headless Chromium for a test and returns the context of its first
// tab. Every flag that would make the browser talk to the network on its own is off, so
// the only requests the tests see are the page's.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChrome(t)),
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1200, 900),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox on (CI containers run as root).
		opts = append(opts, chromedp.NoSandbox)
	}
	// One browser serves every subtest: on a loaded 2-core machine (make test runs the
	// packages in parallel) printing the PDF alone took 40 s, so the budget is generous;
	// it only stops a browser that hangs.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return bctx
}

// watch records what a tab did that a reader would not see: console messages, uncaught
// exceptions, browser log entries (CSP violations land there) and network requests.
type watch struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (w *watch) listen(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				w.errors = append(w.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			w.errors = append(w.errors, "exception: "+ev.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				w.errors = append(w.errors, "log "+string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// foreign lists the requests to anything but the page itself (data: URLs stay inside it).
func (w *watch) foreign(page string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, u := range w.requests {
		if u != page && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

func (w *watch) errorList() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.errors)
}

// open writes a page to a file and loads it in a new tab, as a reviewer opens an
// attachment; it returns the tab, its watch and the file:// URL.
func open(t *testing.T, browser context.Context, name string, page []byte) (context.Context, *watch, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: path}).String()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	w := &watch{}
	w.listen(t, tab)
	if err := chromedp.Do(tab, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	// Requests and CSP reports can trail the load event a little.
	if err := chromedp.Do(tab, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	return tab, w, u
}

func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func setMedia(t *testing.T, tab context.Context, media string, features ...*emulation.MediaFeature) {
	t.Helper()
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features}); err != nil {
		t.Fatal(err)
	}
}

// artifacts is where screenshots and the printed PDF go for a person to look at.
func artifacts(t *testing.T) string {
	dir := os.Getenv("STOREWISE_REPORT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "storewise-report-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func save(t *testing.T, name string, data []byte) {
	t.Helper()
	path := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s for inspection", path)
}

// contrastJS defines rgb, hex and ratio: the WCAG contrast ratio of two colours.
const contrastJS = `
const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
const hex = s => s.startsWith("#") ? [1, 3, 5].map(i => parseInt(s.slice(i, i + 2), 16)) : rgb(s);
const lum = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
`

func TestReportInBrowser(t *testing.T) {
	browser := newBrowser(t)

	t.Run("the watchers see a forbidden request and a console error", func(t *testing.T) {
		// Without this, the checks below could pass because nothing is watched. Port 9 on
		// the loopback refuses at once: no request leaves the machine.
		bad := []byte(`<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/pixel.png"><p>x</p>` +
			`<script>console.error("boom")</script>`)
		_, w, u := open(t, browser, "bad.html", bad)
		if len(w.foreign(u)) == 0 {
			t.Error("the network watch missed a request to 127.0.0.1:9")
		}
		if len(w.errorList()) == 0 {
			t.Error("the console watch missed console.error")
		}
	})

	page := renderHTML(t, evaluate(t, "catalogue.yaml", sampleFindings()))

	t.Run("loads with no console error and no request to any host", func(t *testing.T) {
		_, w, u := open(t, browser, "report.html", page)
		if errs := w.errorList(); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
		if reqs := w.foreign(u); len(reqs) > 0 {
			t.Errorf("the report made requests:\n%s", strings.Join(reqs, "\n"))
		}
	})

	t.Run("shows the verdict, the charts and the findings", func(t *testing.T) {
		tab, _, _ := open(t, browser, "report.html", page)
		verdict := eval[string](t, tab, `document.querySelector("#verdict .sentence").innerText`)
		if want := "Use Hyperdrive, with Workers KV in front of it as a read-through cache."; verdict != want {
			t.Errorf("verdict = %q, want %q", verdict, want)
		}
		// The scanned code's contradiction of the answers stands right under the verdict,
		// not thousands of pixels below among the warnings.
		note := eval[string](t, tab, `(document.querySelector("#verdict .contradiction") || {}).innerText || ""`)
		if !strings.Contains(note, "The scanned code contradicts consistency: read-your-writes.") {
			t.Errorf("the verdict box does not say the code contradicts the answers: %q", note)
		}
		if gap := eval[float64](t, tab, `document.querySelector("#verdict .contradiction").getBoundingClientRect().top - document.querySelector("#verdict .sentence").getBoundingClientRect().bottom`); gap > 200 {
			t.Errorf("the contradiction is %.0f px below the verdict", gap)
		}
		if w := eval[string](t, tab, `(document.querySelector("#warnings") || {}).innerText || ""`); strings.Contains(w, "contradicts") {
			t.Errorf("the contradiction is repeated among the warnings: %q", w)
		}
		// Standing products have a drawn bar, eliminated ones are greyed with their reason.
		bars := eval[int](t, tab, `document.querySelectorAll("#ranking-chart svg rect.fill").length`)
		out := eval[[]string](t, tab, `[...document.querySelectorAll("#ranking-chart .eliminated .label")].map(e => e.innerText)`)
		if bars != 2 || !slices.Equal(out, []string{"Workers KV", "D1", "R2"}) {
			t.Errorf("ranking chart: %d bars and eliminated %q, want 2 bars and Workers KV, D1, R2", bars, out)
		}
		grey := eval[string](t, tab, `getComputedStyle(document.querySelector("#ranking-chart .eliminated")).color`)
		normal := eval[string](t, tab, `getComputedStyle(document.querySelector("#ranking-chart .pick")).color`)
		if grey == normal {
			t.Errorf("eliminated products are not greyed: both %s", grey)
		}
		width := eval[float64](t, tab, `document.querySelector("#ranking-chart .pick svg").getBoundingClientRect().width`)
		if width < 100 {
			t.Errorf("the pick's bar is %.0f px wide: the chart is not drawn", width)
		}
		costBars := eval[int](t, tab, `document.querySelectorAll("#cost-chart svg").length`)
		if costBars != 5 {
			t.Errorf("cost chart has %d bars, want one per product (5)", costBars)
		}
		findings := eval[[]string](t, tab, `[...document.querySelectorAll("#findings .finding")].map(e => e.innerText)`)
		if len(findings) != 2 || !strings.Contains(findings[0], "handlers/counter.go:42:3") || !strings.Contains(findings[0], "strconv.Atoi(v)") {
			t.Errorf("findings shown: %q", findings)
		}
		// Every [n] leads to its source, and the sources that are pages are links.
		broken := eval[[]string](t, tab, `[...document.querySelectorAll("a.cite")].filter(a => !document.querySelector(a.getAttribute("href"))).map(a => a.outerHTML)`)
		links := eval[int](t, tab, `document.querySelectorAll("#sources a[href^='https://developers.cloudflare.com/']").length`)
		if len(broken) > 0 || links == 0 {
			t.Errorf("citations without a source: %q; %d sources linked", broken, links)
		}
		title := eval[string](t, tab, `document.querySelector("#points td[title]").title`)
		if !strings.Contains(title, ": ") {
			t.Errorf("a points cell's hover text is %q, want its reasons", title)
		}
		// Without hover (keyboard, touch, screen reader) every cell's reasons are a link
		// away: each cell with reasons links to notes that are shown and hold them.
		unreachable := eval[[]string](t, tab, `[...document.querySelectorAll("#points td[title]")].filter(td => {
			const links = [...td.querySelectorAll("a[href^='#fn-']")];
			if (links.length === 0) return true;
			const notes = links.map(a => document.querySelector(a.getAttribute("href")));
			if (notes.some(n => !n || n.offsetHeight === 0)) return true;
			const text = notes.map(n => n.innerText).join(" ");
			return td.title.split("\n").some(line => !text.includes(line.slice(line.indexOf(": ") + 2)));
		}).map(td => td.closest("tr").querySelector("th").innerText + " / " + td.querySelector(".cell-label").textContent)`)
		if len(unreachable) > 0 {
			t.Errorf("cells whose reasons are reachable only by hover: %q", unreachable)
		}
		// Eliminated products are greyed, yet readable: WCAG AA, 4.5:1 on what is behind them.
		for _, scheme := range []string{"light", "dark"} {
			setMedia(t, tab, "", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
			low := eval[[]string](t, tab, "(() => {"+contrastJS+`
				return [...document.querySelectorAll("#ranking-chart .eliminated .label, #ranking-chart .eliminated .value, #ranking-chart .eliminated .why, #cost-chart .eliminated .label, #points .out")].flatMap(e => {
					const fg = rgb(getComputedStyle(e).color);
					const css = getComputedStyle(document.documentElement);
					return [css.getPropertyValue("--bg"), css.getPropertyValue("--panel")].map(bg => [e, ratio(fg, hex(bg.trim()))]);
				}).filter(([e, r]) => r < 4.5).map(([e, r]) => e.className + " " + e.innerText.slice(0, 20) + ": " + r.toFixed(2))})()`)
			if len(low) > 0 {
				t.Errorf("%s scheme: eliminated text below 4.5:1: %q", scheme, low)
			}
		}
		setMedia(t, tab, "")
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		save(t, "report-desktop.png", png)
	})

	t.Run("print shows the footnotes of the points table, marked on the baseline", func(t *testing.T) {
		tab, _, _ := open(t, browser, "report.html", page)
		setMedia(t, tab, "print")
		shown := eval[bool](t, tab, `getComputedStyle(document.querySelector("#footnotes")).display != "none" && document.querySelector("#footnotes").offsetHeight > 0`)
		notes := eval[int](t, tab, `document.querySelectorAll("#footnotes li").length`)
		marks := eval[int](t, tab, `[...document.querySelectorAll("#points .fn")].filter(e => e.offsetWidth > 0).length`)
		cells := eval[int](t, tab, `document.querySelectorAll("#points td[title]").length`)
		if !shown || notes < cells || marks != cells {
			t.Errorf("in print: footnotes shown=%v with %d notes, %d visible marks, for %d cells with reasons", shown, notes, marks, cells)
		}
		// "+30³" reads as thirty cubed: a mark sits on the baseline, in brackets.
		raised := eval[[]string](t, tab, `[...document.querySelectorAll("#points sup, #points .fn")].filter(e => e.tagName === "SUP" || getComputedStyle(e).verticalAlign !== "baseline" || !/^\(\d+(,\d+)*\)$/.test(e.innerText) || e.getBoundingClientRect().bottom < e.parentElement.querySelector(".pts").getBoundingClientRect().bottom - 2).map(e => e.outerHTML)`)
		if len(raised) > 0 {
			t.Errorf("footnote marks that read as exponents in print: %q", raised[:min(3, len(raised))])
		}
		// A4 at 96 dpi, to look at the print layout as an image too.
		if err := chromedp.Do(tab, chromedp.EmulateViewport(794, 1123)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		save(t, "report-print.png", png)
		pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
		if err != nil {
			t.Fatal(err)
		}
		save(t, "report.pdf", pdf)
	})

	t.Run("a 375 px wide screen has no horizontal scroll", func(t *testing.T) {
		tab, _, _ := open(t, browser, "report.html", page)
		if err := chromedp.Do(tab, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		scroll := eval[int](t, tab, `document.documentElement.scrollWidth`)
		inner := eval[int](t, tab, `window.innerWidth`)
		if scroll > inner {
			t.Errorf("page is %d px wide in a %d px viewport", scroll, inner)
		}
		// The tables must fit too, not hide half their columns in a scroll box.
		over := eval[[]string](t, tab, `[...document.querySelectorAll(".table-wrap")].filter(w => w.scrollWidth > w.clientWidth).map(w => w.closest("section").id + " by " + (w.scrollWidth - w.clientWidth) + " px")`)
		if len(over) > 0 {
			t.Errorf("tables overflow their box at 375 px: %s", strings.Join(over, ", "))
		}
		// No header or cell label is broken inside a word: a word whose text spans two
		// lines has two client rectangles.
		broken := eval[[]string](t, tab, `[...document.querySelectorAll("table th, table .cell-label")].filter(e => e.offsetWidth > 0).flatMap(e => {
			const out = [];
			const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				const re = /\S+/g;
				for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
					const r = document.createRange();
					r.setStart(n, m.index);
					r.setEnd(n, m.index + m[0].length);
					const lines = new Set([...r.getClientRects()].map(c => Math.round(c.top)));
					if (lines.size > 1) out.push(e.closest("section").id + ": " + m[0]);
				}
			}
			return out;
		})`)
		if len(broken) > 0 {
			t.Errorf("words broken across lines at 375 px: %q", broken)
		}
		// The wide tables stack: one block per row, each value labelled with its column.
		if stacked := eval[bool](t, tab, `[...document.querySelectorAll("#points tbody td")].every(td => td.querySelector(".cell-label").offsetWidth > 0 && td.getBoundingClientRect().width > 200)`); !stacked {
			t.Errorf("the points table does not stack at 375 px")
		}
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		save(t, "report-375px.png", png)
	})

	t.Run("dark scheme is dark", func(t *testing.T) {
		tab, _, _ := open(t, browser, "report.html", page)
		setMedia(t, tab, "", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
		bg := eval[[]float64](t, tab, `getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number)`)
		fg := eval[[]float64](t, tab, `getComputedStyle(document.body).color.match(/\d+/g).slice(0, 3).map(Number)`)
		if len(bg) != 3 || len(fg) != 3 || bg[0]+bg[1]+bg[2] > 150 || fg[0]+fg[1]+fg[2] < 500 {
			t.Errorf("dark scheme: background rgb%v, text rgb%v; want dark background, light text", bg, fg)
		}
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		save(t, "report-dark.png", png)
	})

	t.Run("free text with markup stays text", func(t *testing.T) {
		r := evaluate(t, "hostile.yaml", hostileFindings())
		tab, w, _ := open(t, browser, "hostile.html", renderHTML(t, r))
		if got := eval[string](t, tab, `document.querySelector("#workload").textContent`); got != r.Workload {
			t.Errorf("workload shown as %q, want the text %q", got, r.Workload)
		}
		if got := eval[string](t, tab, `document.querySelector("#findings .message").textContent`); got != hostileMessage {
			t.Errorf("finding message shown as %q, want the text %q", got, hostileMessage)
		}
		if got := eval[string](t, tab, `document.querySelector("#findings pre code").textContent`); got != hostileCode {
			t.Errorf("finding code shown as %q, want the text %q", got, hostileCode)
		}
		if got := eval[string](t, tab, `document.querySelector("#findings .file").textContent`); !strings.HasPrefix(got, hostileFile) {
			t.Errorf("finding file shown as %q, want the text %q", got, hostileFile)
		}
		injected := eval[[]string](t, tab, `[...document.querySelectorAll("script, img, iframe, object, #injected, #injected-msg, [onerror], [onload]")].map(e => e.outerHTML)`)
		if len(injected) > 0 {
			t.Errorf("elements injected by free text: %q", injected)
		}
		if ran := eval[string](t, tab, `String(window.__pwned)`); ran != "undefined" {
			t.Errorf("a script from free text ran: window.__pwned = %s", ran)
		}
		if errs := w.errorList(); len(errs) > 0 {
			t.Errorf("console errors (a blocked script would show here):\n%s", strings.Join(errs, "\n"))
		}
	})
}
