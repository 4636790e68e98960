// A bill's "Print this bill" button.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();

// The user menu at the top right: a button that opens "My Account" and "Log Out".
(function () {
  "use strict";
  var button = document.getElementById("user-menu-button");
  var menu = document.getElementById("user-menu");
  if (!button || !menu) {
    return;
  }
  button.disabled = false;

  function items() {
    return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
  }

  function focusItem(index) {
    var list = items();
    list[(index + list.length) % list.length].focus();
  }

  function open(index) {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    focusItem(index);
  }

  function close(returnFocus) {
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (returnFocus) {
      button.focus();
    }
  }

  button.addEventListener("click", function () {
    if (menu.hidden) {
      open(0);
    } else {
      close(false);
    }
  });

  button.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? 0 : -1);
    }
  });

  menu.addEventListener("keydown", function (event) {
    var current = items().indexOf(document.activeElement);
    var moves = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  });

  document.addEventListener("click", function (event) {
    if (!menu.hidden && !menu.contains(event.target) && !button.contains(event.target)) {
      close(false);
    }
  });
})();
