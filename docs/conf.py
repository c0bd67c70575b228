"""Sphinx configuration for the plantarkit documentation."""

import os
import re
import sys

# Build from the source tree without installing the package (src layout).
sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")))

import attrs

import plantarkit

# -- Project -------------------------------------------------------------------------------------
project = "plantarkit"
author = "plantarkit contributors"
copyright = "plantarkit contributors"
version = release = plantarkit.__version__

# -- General -------------------------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
# Links to outside objects (hypothesis, attrs, the standard library) are not resolved: the build
# must work offline, so there is no intersphinx; keep unresolved references quiet.
nitpicky = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon (Google-style docstrings) ---------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True
python_use_unqualified_type_names = True

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"plantarkit {version}"


# -- Hooks ---------------------------------------------------------------------------------------
# The public classes live in private modules (``plantarkit.exercises._dose.Tempo``) and are
# documented under their public names (``plantarkit.Tempo``).  Type annotations name the
# private path, so resolve those references to the public entry instead.
def _resolve_public_name(app, env, node, contnode):
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("plantarkit.") or "._" not in target:
        return None
    name = target.rsplit(".", 1)[-1]
    public = f"plantarkit.{name}"
    if name not in plantarkit.__all__ or target == public:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
    )


# attrs gives fields with a ``factory`` the sentinel default ``NOTHING`` in ``__init__``; show
# the value the factory makes instead (``load: Load = Load()``).
def _show_factory_defaults(app, what, name, obj, options, signature, return_annotation):
    if signature is None or "NOTHING" not in signature or not attrs.has(obj):
        return None
    for field in attrs.fields(obj):
        default = field.default
        if isinstance(default, attrs.Factory) and not default.takes_self:
            factory = default.factory
            shown = f"{factory.__name__}()" if isinstance(factory, type) else "<factory>"
            signature = re.sub(rf"(\b{field.name}: [^=]+= )NOTHING", rf"\g<1>{shown}", signature)
    return signature, return_annotation


def setup(app):
    app.connect("missing-reference", _resolve_public_name)
    app.connect("autodoc-process-signature", _show_factory_defaults)
