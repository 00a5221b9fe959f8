"""ocelot-global-config-ignored: A merged ocelot.*.json fragment holds a GlobalConfiguration,
which AddOcelot drops (only ocelot.global.json's is used)."""
from __future__ import annotations

import posixpath

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.ocelot.merge import folders
from ...lib.ocelot.config import config_root


@check("ocelot-global-config-ignored", on="repository")
def global_in_fragment(ctx, model: RepoModel) -> None:
    """AddOcelot's merge takes GlobalConfiguration from ocelot.global.json only; in a folder
    that has ocelot.global.json (so it is merged), a GlobalConfiguration in another fragment
    is dropped."""
    for folder in folders(model):
        if folder.global_file is None:
            continue
        frags = list(folder.shared) + [u for areas in folder.env_fragments.values() for u in areas.values()]
        for unit in frags:
            root = config_root(unit)
            k = root.ikey("GlobalConfiguration") if isinstance(root, LMap) else None
            if k is None or not root[k]:
                continue
            ctx.report(
                root.key_span(k),
                f"GlobalConfiguration in {posixpath.basename(unit.rel)} is dropped: AddOcelot merges "
                f"the ocelot.*.json files of this folder and takes GlobalConfiguration only from "
                f"{posixpath.basename(folder.global_file.rel)}, so these settings never apply; move "
                "them there",
                file=unit,
                related=[(folder.global_file, _global_span(folder.global_file), "the file whose GlobalConfiguration is used")],
                context=f"global-ignored:{posixpath.basename(unit.rel)}",
            )


def _global_span(unit: FileUnit):
    root = config_root(unit)
    k = root.ikey("GlobalConfiguration") if isinstance(root, LMap) else None
    return root.key_span(k) if k is not None else unit.docs[0].span
