/**
 * The fixed credentials of the emulated vendors a pull source reads with (issue 20's key
 * checks): Anthropic's Admin API, a Databricks workspace and a custom audit-log API.
 */

/** Vendor credentials every test and the demo can rely on (values are fixed). */
export const VENDOR_SEED = {
  anthropic: {
    /** A workspace (Claude API) key: the organization reports answer it 401. */
    workspaceKey: 'sk-ant-api03-EmuWorkspace8HnT3kLq6VzPw2XcRb5MyJd9FsGa4Ue7Ko-5AAAAA',
  },
  databricks: {
    /** A service principal with Can Manage on every space. */
    clientId: 'emu-sp-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    clientSecret: 'doseEmuSecret7Yh2Kp9Lw4Qz6Xv1Nb8Mc3Rd5Tf0Gj',
    /** A service principal that signs in but may not use Genie (403 PERMISSION_DENIED). */
    noGenieClientId: 'emu-sp-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0',
    noGenieClientSecret: 'doseEmuNoGenie3Wq8Er5Ty1Ui7Op2As4Df6Gh9Jk',
    /** A pasted workspace token (personal access token) that works. */
    token: 'dapiEmuToken6Fh3Jk8Lz1Xc5Vb9Nm2Qw4Er7Ty0Ui',
    /** A pasted token of someone who may not use Genie (403 PERMISSION_DENIED). */
    noGenieToken: 'dapiEmuNoGenie2Sd5Fg8Hj1Kl4Zx7Cv0Bn3Mq6W',
    /** The spaces the workspace holds. */
    spaces: [
      { space_id: '01f0emuspacerevenue0001', title: 'ACME Revenue Analyst' },
      { space_id: '01f0emuspacesupport0002', title: 'Support Tickets' },
    ],
  },
  auditApi: {
    /** A bearer token that may read the audit log. */
    token: 'auditEmuToken4Rt8Yp2Ls6Kd1Fg9Hj3Zx7Cv5Bn0M',
    /** A token the API knows but that may not read the audit log (403). */
    noReadToken: 'auditEmuNoRead2Wq5Er8Ty3Ui6Op9As1Df4Gh7Jk',
  },
} as const;

/** Every secret value above (space ids and titles are not): what leak scans search for. */
export const VENDOR_SECRETS: readonly string[] = [
  VENDOR_SEED.anthropic.workspaceKey,
  VENDOR_SEED.databricks.clientId,
  VENDOR_SEED.databricks.clientSecret,
  VENDOR_SEED.databricks.noGenieClientId,
  VENDOR_SEED.databricks.noGenieClientSecret,
  VENDOR_SEED.databricks.token,
  VENDOR_SEED.databricks.noGenieToken,
  VENDOR_SEED.auditApi.token,
  VENDOR_SEED.auditApi.noReadToken,
];
