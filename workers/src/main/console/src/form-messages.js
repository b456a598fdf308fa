// form-js writes its validation messages in English only. This module (an additionalModules entry for the form-js
// Form) wraps the viewer's validator service and translates the messages it returns into Chinese; anything it does
// not recognise stays as it is.

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, (n) => `至少需要 ${n} 个字符。`],
  [/^Field must have maximum length of (\d+)\.$/, (n) => `最多 ${n} 个字符。`],
  [/^Field must have minimum value of (.+)\.$/, (n) => `不能小于 ${n}。`],
  [/^Field must have maximum value of (.+)\.$/, (n) => `不能大于 ${n}。`],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请输入有效的国际电话号码（如 +8651257000000）。'],
  [/^Field must match pattern .*$/, () => '格式不符合要求。'],
  [/^Date and time must both be entered\.$/, () => '日期和时间都需要填写。'],
];

export function translateMessage(message) {
  for (const [pattern, text] of MESSAGES) {
    const match = typeof message === 'string' && message.match(pattern);
    if (match) return text(...match.slice(1));
  }
  return message;
}

function ChineseValidationMessages(validator) {
  for (const method of ['validateField', 'validateFieldInstance']) {
    const original = validator[method];
    if (typeof original !== 'function') continue;
    validator[method] = function (...args) {
      const errors = original.apply(this, args);
      return Array.isArray(errors) ? errors.map(translateMessage) : errors;
    };
  }
}
ChineseValidationMessages.$inject = ['validator'];

export const chineseValidationMessages = {
  __init__: ['chineseValidationMessages'],
  chineseValidationMessages: ['type', ChineseValidationMessages],
};
