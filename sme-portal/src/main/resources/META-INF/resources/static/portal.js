// Small conveniences only: every page works without this script.

// A confirmation travels as ?done=… after the redirect that follows a change. Shown once, it is taken out of the
// address, so reloading the page or coming back to it later does not announce the change again.
if (new URLSearchParams(location.search).has('done')) {
  history.replaceState(null, '', location.pathname);
}

// Revoking cuts a bank off at its very next request, and a rejected request cannot be approved afterwards: only a new
// request or grant lets the bank in. Revoke and Reject ask first (the question is the form's data-confirm). Listening while the event travels down, so a cancelled submit never
// reaches the handler below that disables the buttons. Without this script the click goes through, as it always did.
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopPropagation();
  }
}, true);

// One click, one request: a second click while the first is on its way (a slow line) would answer "already
// answered" for a change that did happen. Disabled after the submit has started, so the click still sends the form.
// Looks disabled (portal.css) so the owner sees the click registered. If the answer never comes (the owner stopped
// the page loading, or came back to it), the buttons come back to life: a second click is answered correctly anyway.
document.addEventListener('submit', function (event) {
  var buttons = event.target.querySelectorAll('button[type=submit]');
  setTimeout(function () {
    buttons.forEach(function (button) { button.disabled = true; });
  }, 0);
  setTimeout(enableButtons, 10000);
});
function enableButtons() {
  document.querySelectorAll('button[type=submit]:disabled').forEach(function (button) { button.disabled = false; });
}
window.addEventListener('pageshow', enableButtons);

// A refused grant form: its problems are far down the page; take the owner there.
var grantProblems = document.getElementById('grant-problems');
if (grantProblems) {
  grantProblems.focus();
}
