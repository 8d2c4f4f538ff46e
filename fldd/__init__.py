"""fldd: offline forced-labour due diligence for suppliers, auditors and buyers."""

__version__ = "0.1.0"
