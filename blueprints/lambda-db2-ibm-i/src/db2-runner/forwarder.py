"""A loopback TCP listener that relays every connection to the Db2 host over TLS.

The ODBC driver's own TLS support is unreliable with Db2 for IBM i, so the driver connects in plain
text to 127.0.0.1 and this forwarder encrypts the traffic on its way to the real host.
"""

import asyncio
import ssl
import threading

LOCAL_HOST = "127.0.0.1"
LOCAL_PORT = 8471  # the IBM i database host server's plain-text port, which the driver expects


class TlsForwarder:
    def __init__(self, remote_host: str, remote_port: int):
        self.remote_host = remote_host
        self.remote_port = remote_port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Starts listening in a background thread; returns once the port is open."""
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(timeout=5):
            raise RuntimeError("TLS forwarder did not start within 5 seconds")

    def stop(self) -> None:
        if self._loop and self._server:
            self._loop.call_soon_threadsafe(self._server.close)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(timeout=5)
        self._loop = self._server = self._thread = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _run(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._relay, LOCAL_HOST, LOCAL_PORT, reuse_address=True)
        )
        ready.set()
        self._loop.run_forever()

    async def _relay(self, local_reader: asyncio.StreamReader, local_writer: asyncio.StreamWriter) -> None:
        # Verifies the host's certificate against the system trust store; add your CA to it if needed.
        context = ssl.create_default_context()
        remote_reader, remote_writer = await asyncio.open_connection(
            self.remote_host, self.remote_port, ssl=context, server_hostname=self.remote_host
        )
        await asyncio.gather(_pipe(local_reader, remote_writer), _pipe(remote_reader, local_writer))


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    finally:
        writer.close()
