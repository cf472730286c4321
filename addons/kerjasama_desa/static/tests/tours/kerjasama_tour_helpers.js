/** @odoo-module **/
// Shared by the tours of the suite's addons: a step's run that fails when one of the given
// English source strings is shown to an Indonesian user.

/**
 * @param {string[]} words English source strings that must not appear in the action manager
 * @returns {Function} a tour step's `run`
 */
export function englishChecker(words) {
    return function assertIndonesian() {
        const text = document.querySelector(".o_action_manager").innerText;
        const found = words.filter((word) => text.includes(word));
        if (found.length) {
            throw new Error(`English text shown to an Indonesian user: ${found.join(", ")}`);
        }
    };
}
