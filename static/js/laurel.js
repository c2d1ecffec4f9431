// Laurel's page script: start the design system's components. Pages work
// without it; this only adds behaviour the design system provides.
if (window.DS && typeof window.DS.initAll === "function") {
	window.DS.initAll();
}
