import { Schema } from 'mongoose';

export const RULE_SET_VERSIONS_COLLECTION = 'rule_set_versions';

/** Every version of an organization's rule pack, kept with author and rationale; one is active. */
export const ruleSetVersionSchema = new Schema(
  {
    org: { type: String, required: true },
    version: { type: String, required: true, match: /^[a-f0-9]{16,64}$/ },
    files: { type: [{ _id: false, path: String, content: String }], default: [] },
    author: { type: String, required: true },
    rationale: { type: String, required: true, maxlength: 2000 },
    active: { type: Boolean, default: false },
    activatedAt: Date,
  },
  { collection: RULE_SET_VERSIONS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
ruleSetVersionSchema.index({ org: 1, version: 1 }, { unique: true });
