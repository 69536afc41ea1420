#!/usr/bin/env python3
"""Write the tree of one commit of a git directory into a plain folder.

Like `git archive SHA | tar -x`, but a blob missing from the git directory (a partial
mirror may lack large files and Git LFS content) is skipped and listed instead of
failing the whole archive. Symlinks are skipped: scanners differ in following them.

usage: extract.py GIT_DIR SHA OUT_DIR MISSING_LIST
"""
import os
import subprocess
import sys


def main() -> int:
    git_dir, sha, out, missing_list = sys.argv[1:5]
    ls = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", sha],
        check=True,
        capture_output=True,
    ).stdout
    entries = []
    for rec in ls.split(b"\0"):
        if not rec:
            continue
        meta, path = rec.split(b"\t", 1)
        mode, kind, obj = meta.split()
        if kind != b"blob" or mode == b"120000":
            continue
        entries.append((mode, obj.decode(), os.fsdecode(path)))
    cat = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    written = 0
    missing = []
    for mode, obj, path in entries:
        cat.stdin.write((obj + "\n").encode())
        cat.stdin.flush()
        header = cat.stdout.readline().split()
        if header[-1] == b"missing":
            missing.append(path)
            continue
        size = int(header[2])
        data = cat.stdout.read(size)
        cat.stdout.read(1)
        dest = os.path.join(out, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(data)
        if mode == b"100755":
            os.chmod(dest, 0o755)
        written += 1
    cat.stdin.close()
    cat.wait()
    with open(missing_list, "w", encoding="utf-8") as f:
        f.writelines(p + "\n" for p in missing)
    print(f"  {written} files, {len(missing)} missing blobs skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
