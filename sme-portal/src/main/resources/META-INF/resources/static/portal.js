// Small conveniences only: every page works without this script.

// A confirmation travels as ?done=… after the redirect that follows a change. Shown once, it is taken out of the
// address, so reloading the page or coming back to it later does not announce the change again.
if (new URLSearchParams(location.search).has('done')) {
  history.replaceState(null, '', location.pathname);
}

// One click, one request: a second click while the first is on its way (a slow line) would answer "already
// answered" for a change that did happen. Disabled after the submit has started, so the click still sends the form.
document.addEventListener('submit', function (event) {
  var buttons = event.target.querySelectorAll('button[type=submit]');
  setTimeout(function () {
    buttons.forEach(function (button) { button.disabled = true; });
  }, 0);
});
