import { Schema } from 'mongoose';

export const ORGANIZATIONS_COLLECTION = 'organizations';

/** An organization whose policy the monitor enforces; `slug` names its rule pack too. */
export const organizationSchema = new Schema(
  {
    slug: { type: String, required: true, match: /^[a-z0-9-]{2,40}$/ },
    name: { type: String, required: true, maxlength: 200 },
    aliases: { type: [String], default: [] },
    officialWebsite: { type: String, maxlength: 2048 },
    officialAccounts: {
      type: [{ _id: false, platform: { type: String, required: true }, url: { type: String, required: true } }],
      default: [],
    },
    languages: { type: [String], default: ['fr'] },
    demo: { type: Boolean, default: false },
  },
  { collection: ORGANIZATIONS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
organizationSchema.index({ slug: 1 }, { unique: true });
