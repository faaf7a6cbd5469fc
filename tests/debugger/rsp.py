"""rsp.py - a small GDB remote-serial-protocol client for the tests.

Debian 12's gdb-multiarch has no LoongArch, so the stub is tested with
this instead: packets, checksums, acks (until no-ack mode), binary
unescaping, O packets of qRcmd.  Also starts `lvzsim --gdb 0` and reads the
port it prints.
"""
import re
import socket
import subprocess
import time


def symbols(elf):
    """name -> address, from llvm-nm-19 (the image's own symbol table)."""
    out = subprocess.run(["llvm-nm-19", elf], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


def elf_entry(elf):
    """e_entry from the ELF header (ELF64: 8 bytes at offset 24)."""
    with open(elf, "rb") as f:
        hdr = f.read(32)
    return int.from_bytes(hdr[24:32], "little")


class Sim:
    """build/lvzsim --gdb 0 IMAGE, with its port."""

    def __init__(self, sim, image, *extra):
        self.p = subprocess.Popen([sim, "--gdb", "0", *extra, image], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        line = self.p.stderr.readline().decode()
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            raise RuntimeError("lvzsim did not print its port: %r" % line)
        self.port = int(m.group(1))

    def wait(self, timeout=30):
        try:
            out, err = self.p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            out, err = self.p.communicate()
            raise
        return self.p.returncode, out.decode(), err.decode()


class RSP:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""
        self.ack = True

    def _byte(self):
        while not self.buf:
            data = self.s.recv(65536)
            if not data:
                raise EOFError("connection closed")
            self.buf += data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send_raw(self, data):
        self.s.sendall(data)

    def send(self, payload):
        if isinstance(payload, str):
            payload = payload.encode()
        pkt = b"$" + payload + b"#%02x" % (sum(payload) & 0xff)
        self.s.sendall(pkt)
        if self.ack:
            b = self._byte()
            if b != b"+":
                raise RuntimeError("no ack for %r: %r" % (payload, b))

    def recv(self):
        """One packet's payload, checksum verified and binary escapes undone."""
        while self._byte() != b"$":
            pass
        data = b""
        while True:
            b = self._byte()
            if b == b"#":
                break
            data += b
        cs = self._byte() + self._byte()
        if int(cs, 16) != sum(data) & 0xff:
            raise RuntimeError("bad checksum in %r" % data)
        if self.ack:
            self.s.sendall(b"+")
        out, i = bytearray(), 0
        while i < len(data):
            if data[i] == 0x7d:
                out.append(data[i + 1] ^ 0x20)
                i += 2
            else:
                out.append(data[i])
                i += 1
        return bytes(out)

    def cmd(self, payload):
        self.send(payload)
        return self.recv().decode("latin-1")

    def monitor(self, line):
        """qRcmd: the text of the O packets, then the final OK."""
        self.send("qRcmd," + line.encode().hex())
        text = ""
        while True:
            r = self.recv().decode("latin-1")
            if r.startswith("O") and r != "OK":
                text += bytes.fromhex(r[1:]).decode()
            else:
                return text, r

    def read_xfer(self, obj, annex):
        data, off = b"", 0
        while True:
            self.send("qXfer:%s:read:%s:%x,%x" % (obj, annex, off, 0x800))
            r = self.recv()
            if r[:1] not in (b"m", b"l"):
                raise RuntimeError("qXfer reply %r" % r)
            data += r[1:]
            off += len(r) - 1
            if r[:1] == b"l":
                return data.decode()

    def reg(self, n, size=8):
        r = self.cmd("p%x" % n)
        if len(r) != 2 * size:
            raise RuntimeError("p%x -> %r" % (n, r))
        return int.from_bytes(bytes.fromhex(r), "little")

    def set_reg(self, n, value, size=8):
        return self.cmd("P%x=%s" % (n, value.to_bytes(size, "little").hex()))

    def mem(self, addr, n):
        r = self.cmd("m%x,%x" % (addr, n))
        if r.startswith("E"):
            return None
        return bytes.fromhex(r)

    def close(self):
        self.s.close()


def stop_fields(reply):
    """'T05 03:...;21:...;swbreak:;' -> (signal, {key: value})."""
    fields = {}
    for part in reply[3:].split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            fields[k] = v
    return int(reply[1:3], 16), fields
