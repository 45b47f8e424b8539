"""The built wheel carries the knowledge base: installed into a fresh venv, `mxguard ask` works from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_installs_and_answers_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, text=True)
    [wheel] = dist.glob("mxguard-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    assert {f"mxguard/data/{name}" for name in ("faq.yaml", "facts.yaml", "examples.yaml")} <= shipped
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True, text=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    env["MXGUARD_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run([str(bin_dir / "mxguard"), "ask", "What is the National Guard?", "--json"],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["answered"] is True and data["results"][0]["sources"]
    where = subprocess.run([str(bin_dir / "mxguard"), "where"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert "the copy shipped with mxguard" in where.stdout
    module = subprocess.run([str(bin_dir / "python"), "-m", "mxguard", "--version"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert module.returncode == 0 and module.stdout.startswith("mxguard ")
