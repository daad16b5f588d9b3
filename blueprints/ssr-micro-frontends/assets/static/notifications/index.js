// Notifications micro-frontend. It reacts to what the user does, so it is rendered in the browser:
// other micro-frontends announce events on window and this bundle shows them.
const container = document.getElementById('notifications');

function notify(message) {
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.setAttribute('role', 'status');
  toast.textContent = message;
  container.append(toast);
  setTimeout(() => toast.remove(), 3000);
}

window.addEventListener('cart:added', (event) => notify(`${event.detail?.name ?? 'Product'} added to your cart`));

// The page's add-to-cart button announces the event; in a real shop the checkout micro-frontend would.
document.getElementById('add-to-cart')?.addEventListener('click', () => {
  const name = document.querySelector('.product-details h1')?.textContent;
  window.dispatchEvent(new CustomEvent('cart:added', { detail: { name } }));
});
